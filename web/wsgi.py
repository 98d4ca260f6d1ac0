"""The WSGI entry point for gunicorn: ``gunicorn 'web.wsgi:make_app()'``. Settings come from the environment."""

from __future__ import annotations

from flask import Flask

from immex.services import build_services
from immex.settings import Settings
from web import create_app


def make_app() -> Flask:
    settings = Settings.from_env()
    services = build_services(settings)
    app = create_app(services)
    if not settings.uses_redis:
        from workers.runner import start_recovery

        start_recovery(services)  # the embedded default runs jobs in this process: take up interrupted ones
    if settings.proxy_hops:
        # Behind a reverse proxy: take the client's address and scheme from its X-Forwarded-* headers, so that
        # the per-address login lockout and Secure cookies see the real client.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
