"""The WSGI entry point for gunicorn: ``gunicorn 'web.wsgi:make_app()'``. Settings come from the environment."""

from __future__ import annotations

from flask import Flask

from immex.services import build_services
from immex.settings import Settings
from web import create_app


def make_app() -> Flask:
    return create_app(build_services(Settings.from_env()))
