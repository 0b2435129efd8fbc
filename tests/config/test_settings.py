"""Settings come from the environment; production refuses unsafe or missing values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "JOBCENTER_MODE": "production",
    "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "jobcenter.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "JOBCENTER_MODE",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_mode_requires(missing, tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing} | {"VAR_DIR": str(tmp_path)}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is required in production mode" in result.stderr


def test_production_mode_refuses_debug(tmp_path):
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "true", "VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DEBUG must not be switched on" in result.stderr


def test_development_mode_generates_and_keeps_a_secret_key(tmp_path):
    env = {"VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:"}
    assert manage("check", env=env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    assert manage("check", env=env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_env_readers_reject_malformed_values(monkeypatch):
    from jobcenter.config.env import ConfigurationError, env_bool, env_int, env_list

    monkeypatch.setenv("X_BOOL", "vielleicht")
    with pytest.raises(ConfigurationError):
        env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "zwölf")
    with pytest.raises(ConfigurationError):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", " a, ,b ")
    assert env_list("X_LIST", []) == ["a", "b"]


def _public_base_url(env: dict[str, str]) -> str:
    script = "from django.conf import settings; print(settings.PUBLIC_BASE_URL)"
    result = manage("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_links_in_e_mails_follow_the_port_of_make_run(tmp_path):
    """`make run PORT=8123` serves on 8123: the worker's e-mail links must say so too."""
    env = {"VAR_DIR": str(tmp_path), "PORT": "8123", "HOST": "localhost"}
    assert _public_base_url(env) == "http://localhost:8123"
    # without make's variables: the documented default
    assert _public_base_url({"VAR_DIR": str(tmp_path)}).startswith("http://127.0.0.1:")
    # an explicit address wins
    env["PUBLIC_BASE_URL"] = "https://buerger.example.org"
    assert _public_base_url(env) == "https://buerger.example.org"


def test_make_hands_variables_of_its_command_line_to_the_processes_it_starts(tmp_path):
    """What the setting relies on: GNU make exports command-line variables to recipes, so the
    web server and the worker started by `make run PORT=…` both see PORT."""
    makefile = tmp_path / "Makefile"
    makefile.write_text("PORT ?= 8000\nshow:\n\t@echo port=$$PORT\n")
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "MAKEFLAGS", "MFLAGS"}}
    result = subprocess.run(
        ["make", "-s", "-f", str(makefile), "show", "PORT=8123"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.stdout.strip() == "port=8123", result.stdout + result.stderr


@pytest.mark.parametrize("url", ["postgres://app@db.internal:5432/jobcenter", "sqlite:///:memory:"])
def test_database_connections_are_persistent_and_health_checked_by_default(url, tmp_path):
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {"VAR_DIR": str(tmp_path), "DATABASE_URL": url}
    result = manage("shell", "-c", show, env=env)
    assert result.stdout.split()[-2:] == ["300", "True"], result.stderr
    result = manage("shell", "-c", show, env={**env, "DB_CONN_MAX_AGE": "0"})
    assert result.stdout.split()[-2] == "0", result.stderr


def test_production_cookies_carry_the_host_prefix(tmp_path):
    """ASVS 3.3.1: Secure cookies named ``__Host-`` (only this host, path /, HTTPS): the
    browser refuses to take them from a sibling subdomain or over plain HTTP."""
    env = {**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_DOMAIN, "
        "s.CSRF_COOKIE_DOMAIN, s.LANGUAGE_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH, "
        "s.CSRF_COOKIE_PATH, s.LANGUAGE_COOKIE_PATH)"
    )
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    names, secure, domains, paths = (result.stdout.split()[i : i + 3] for i in range(0, 12, 3))
    assert all(name.startswith("__Host-") for name in names), names
    assert secure == ["True"] * 3 and domains == ["None"] * 3 and paths == ["/"] * 3


def test_postgresql_binds_parameters_on_the_server_unless_turned_off(tmp_path):
    """Prepared statements by default (less CPU on both sides of every request,
    docs/PERFORMANCE.md); off for a pooler in transaction mode."""
    show = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['OPTIONS'].get('server_side_binding'))"
    )
    env = {"VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://app@db.internal:5432/jobcenter"}
    assert manage("shell", "-c", show, env=env).stdout.split()[-1] == "True"
    off = manage("shell", "-c", show, env={**env, "DB_SERVER_SIDE_BINDING": "false"})
    assert off.stdout.split()[-1] == "False"
    sqlite = {"VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert manage("shell", "-c", show, env=sqlite).stdout.split()[-1] == "None"


@pytest.mark.django_db
def test_postgresql_prepares_the_statements_a_connection_runs_often():
    """Server-side binding alone binds the parameters; the statements are prepared (parsed and
    planned once per connection) only with psycopg's prepare_threshold, which Django turns off
    unless the settings give one. Before, every statement was parsed and planned anew."""
    from django.db import connection

    from jobcenter.tenants.models import Jobcenter

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: runs in the suite's PostgreSQL pass")
    for _ in range(6):
        list(Jobcenter.objects.filter(slug="prepared-statement-probe"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%prepared-statement-probe%"],
        )
        by_value = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "tenants_jobcenter" WHERE "tenants_jobcenter"."slug" = $1%'],
        )
        assert cursor.fetchone()[0] == 1
    assert by_value == 0  # the parameter travelled apart from the statement
