"""docker-compose.yml sets only real settings, and has every service the settings need."""

from pathlib import Path

import yaml

from immex.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_immex_variable_in_compose_is_a_setting() -> None:
    known = {v for v, _d, _doc in Settings.variables()}
    compose = _compose()
    used: set[str] = set()
    for svc in compose["services"].values():
        env = svc.get("environment") or {}
        used |= {k for k in env if k.startswith("IMMEX_")}
    used |= {k for k in compose["x-immex-env"] if k.startswith("IMMEX_")}
    assert used, "compose sets no IMMEX_ variables"
    assert used - known == set()


def test_compose_has_the_services_the_settings_need() -> None:
    compose = _compose()
    services = set(compose["services"])
    assert {"web", "worker", "smtp", "postgres", "redis", "minio"} <= services
    env = compose["x-immex-env"]
    assert env["IMMEX_DATABASE_URL"].split("@", 1)[1].startswith("postgres:")
    assert env["IMMEX_REDIS_URL"].startswith("redis://redis:")
    assert env["IMMEX_S3_ENDPOINT"].startswith("minio:")
    for name in ("web", "worker", "postgres", "redis", "minio"):
        assert "healthcheck" in compose["services"][name], name
    assert "gunicorn" in compose["services"]["web"]["command"]
    assert "--with-scheduler" not in compose["services"]["worker"]["command"]  # immex worker always runs it
