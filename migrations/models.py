"""Import every module that declares tables, so autogenerate and the schema test see the whole schema."""

from __future__ import annotations

import importlib

MODEL_MODULES = [
    "evidence.models",
    "evidence.chain.models",
    "web.accounts.models",
    "intake.mail_models",
    "evidence.bundle_models",
    "evidence.layouts.models",
    "web.saved_views",
]


def import_all_models() -> None:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):  # a real missing dependency
                raise
