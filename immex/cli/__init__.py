"""The ``immex`` command. Each module in this package that defines ``commands: list[click.Command]`` adds them
to the group; the services are built lazily, on the first command that needs them."""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
import sys
from typing import TYPE_CHECKING, Any

import click

from immex import __version__
from immex.errors import ImmexError, TransientError
from immex.settings import Settings

if TYPE_CHECKING:
    from immex.services import Services


class _Group(click.Group):
    """Turns ImmexError into a clear message and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ImmexError as exc:
            message = exc.message.splitlines()[0] if isinstance(exc, TransientError) else exc.message
            click.echo(f"error [{exc.code}]: {message}", err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:
            problem = unreachable(exc)
            if problem is None:
                raise
            click.echo(f"error [{TransientError.code}]: {problem}", err=True)
            sys.exit(TransientError.exit_code)


def unreachable(exc: BaseException) -> str | None:
    """One line for a database or Redis that cannot be reached (whatever layer raised it), else None."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from sqlalchemy.exc import InterfaceError, OperationalError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OperationalError | InterfaceError) or _plain_driver_error(seen):
            orig = getattr(seen, "orig", None) or seen
            detail = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
            return (
                f"The database is not reachable ({detail[:200]}). Check IMMEX_DATABASE_URL and that the database "
                "server is running."
            )
        if isinstance(seen, RedisConnectionError | RedisTimeoutError):
            return (
                f"The job queue (Redis) is not reachable ({str(seen).strip()[:200]}). Check IMMEX_REDIS_URL and "
                "that Redis is running."
            )
        seen = seen.__cause__ or seen.__context__
    return None


def _plain_driver_error(exc: BaseException) -> bool:
    """A connection failure raised by sqlite3 or psycopg themselves (the plain read path, ``evidence.dbapi``),
    told by name so that nothing imports a driver to check."""
    module = type(exc).__module__.split(".")[0]
    return module in ("sqlite3", "psycopg") and type(exc).__name__ in ("OperationalError", "InterfaceError")


class AppContext:
    def __init__(self) -> None:
        self.settings = Settings.from_env()
        self._services: Services | None = None

    def services(self) -> Services:
        if self._services is None:
            from immex.services import build_services

            self._services = build_services(self.settings)
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()


def services_from_context(ctx: click.Context | None = None) -> Services:
    ctx = ctx or click.get_current_context()
    return ctx.find_object(AppContext).services()  # type: ignore[union-attr]


def settings_from_context(ctx: click.Context | None = None) -> Settings:
    """The settings of the running command; read from the environment when the command runs on its own
    (a command invoked without the ``immex`` group, as tests and embedding code do)."""
    ctx = ctx or click.get_current_context()
    app = ctx.find_object(AppContext)
    return app.settings if app is not None else Settings.from_env()


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="immex")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to standard error.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """immex-evidence: document intake and audit evidence for IMMEX companies."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    app = AppContext()
    ctx.obj = app
    ctx.call_on_close(app.close)


def _discover() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "commands", []):
            main.add_command(command)


_discover()
