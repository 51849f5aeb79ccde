import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from inclusief.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-very-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "inclusief.example.nl",
    "HTTPS": "true",
    "DATABASE_URL": "sqlite:////tmp/inclusief-deploy-check.sqlite3",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    dropped = {*PRODUCTION_ENV, "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_refuses_the_development_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "inclusief.E001" in result.stderr


@pytest.mark.slow
def test_check_deploy_refuses_demo_mode():
    result = run_manage("check", "--deploy", env={**PRODUCTION_ENV, "DEMO_MODE": "true"})
    assert result.returncode != 0
    assert "inclusief.E003" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of true/false"),
        ("SESSION_IDLE_MINUTES", "ten", "SESSION_IDLE_MINUTES must be a whole number"),
        ("ALLOWED_HOSTS", "a.nl,,b.nl", "ALLOWED_HOSTS must be a comma-separated list"),
        ("DATABASE_URL", "nonsense://x", "DATABASE_URL is not a valid database address"),
    ],
)
def test_start_up_refuses_a_bad_value_with_a_clear_message(name, value, message):
    result = run_manage("check", env={name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", default=False) is True
    monkeypatch.setenv("X_FLAG", "off")
    assert env_bool("X_FLAG", default=True) is False
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", default=True) is True


def test_env_int_refuses_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "2")
    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        env_int("X_NUMBER", 10, minimum=5)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.nl, b.nl")
    assert env_list("X_LIST", []) == ["a.nl", "b.nl"]
