"""The portal and the API: ``create_app(services)`` builds the Flask app and registers every blueprint."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from flask import Flask, jsonify

from immex import __version__
from immex.services import Services


def create_app(services: Services, test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=services.settings.max_upload_bytes + 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)
    app.extensions["immex"] = services

    @app.get("/healthz")
    def healthz() -> Any:
        """Liveness and readiness: the database answers and the object store is reachable."""
        from sqlalchemy import text

        checks = {}
        try:
            with services.db.session() as session:
                session.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["database"] = f"error: {type(exc).__name__}"
        try:
            services.store.exists("healthz")
            checks["object_store"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["object_store"] = f"error: {type(exc).__name__}"
        ok = all(v == "ok" for v in checks.values())
        return jsonify(status="ok" if ok else "degraded", version=__version__, checks=checks), (200 if ok else 503)

    _register_blueprints(app, services)
    return app


def _register_blueprints(app: Flask, services: Services) -> None:
    """Each module in ``web.blueprints`` that defines ``init_app(app, services)`` is initialised, in name order."""
    try:
        package = importlib.import_module("web.blueprints")
    except ModuleNotFoundError:
        return
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"web.blueprints.{info.name}")
        init = getattr(module, "init_app", None)
        if init is not None:
            init(app, services)


def services_of(app: Flask) -> Services:
    return app.extensions["immex"]  # type: ignore[no-any-return]
