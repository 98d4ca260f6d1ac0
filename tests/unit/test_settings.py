from pathlib import Path

import pytest

from immex.errors import ConfigError
from immex.settings import Settings


def test_defaults_are_the_embedded_default() -> None:
    s = Settings.from_env({})
    assert s.data_dir == Path("var")
    assert s.effective_database_url.startswith("sqlite:///")
    assert not s.uses_redis and not s.uses_s3


def test_reads_typed_values_from_the_environment() -> None:
    s = Settings.from_env(
        {
            "IMMEX_DATA_DIR": "/srv/immex",
            "IMMEX_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "IMMEX_REDIS_URL": "redis://h:6379/1",
            "IMMEX_MAX_UPLOAD_MB": "7",
            "IMMEX_S3_SECURE": "yes",
            "IMMEX_REVIEW_THRESHOLD": "0.5",
        }
    )
    assert s.data_dir == Path("/srv/immex")
    assert s.effective_database_url == "postgresql+psycopg://u@h/db"
    assert s.uses_redis
    assert s.max_upload_bytes == 7 * 1024 * 1024
    assert s.s3_secure is True
    assert s.review_threshold == 0.5


@pytest.mark.parametrize(
    ("var", "value", "words"),
    [("IMMEX_MAX_UPLOAD_MB", "lots", "whole number"), ("IMMEX_S3_SECURE", "maybe", "true or false")],
)
def test_bad_values_name_the_variable(var: str, value: str, words: str) -> None:
    with pytest.raises(ConfigError) as exc:
        Settings.from_env({var: value})
    assert var in exc.value.message and words in exc.value.message


def test_every_setting_has_a_variable_and_a_description() -> None:
    names = [v for v, _d, _doc in Settings.variables()]
    assert len(names) == len(set(names))
    assert all(n.startswith("IMMEX_") for n in names)
    assert all(doc for _v, _d, doc in Settings.variables())


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [v for v, _d, _doc in Settings.variables() if f"`{v}`" not in readme]
    assert missing == []
