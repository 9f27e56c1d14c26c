"""`sozialraum check --deploy` with production settings reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-enough-and-random-7Hq9ZpL2xW",
    "ALLOWED_HOSTS": "sozialraum.example.org",
    "DATABASE_URL": "sqlite:////tmp/sozialraum-deploy-check.sqlite3",
    "EMAIL_HOST": "mail.example.org",
}


def run_command(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "sozialraum"
    test_only = {"SECURE_SSL_REDIRECT", "STATIC_MANIFEST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in test_only}
    return subprocess.run(
        [str(command), *args], env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_reports_no_warnings_with_production_settings():
    result = run_command("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_command("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
