"""deploy/jobcenter.env.example: every setting, each documented, and good for production."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "jobcenter.env.example"


def _example() -> dict[str, str]:
    found = {}
    for line in EXAMPLE.read_text().splitlines():
        match = re.match(r"^#? ?([A-Z][A-Z0-9_]+)=(.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _read_by_settings() -> set[str]:
    source = (ROOT / "src/jobcenter/config/settings.py").read_text()
    return set(re.findall(r'env_(?:str|int|bool|list)\(\s*"([A-Z0-9_]+)"', source))


def test_the_example_names_every_setting_and_nothing_else():
    assert set(_example()) == _read_by_settings()


def test_every_setting_is_documented_in_configuration_md():
    documented = set(
        re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs/CONFIGURATION.md").read_text())
    )
    missing = sorted(_read_by_settings() - documented)
    assert not missing, f"not in docs/CONFIGURATION.md: {missing}"


def test_the_production_part_passes_the_deploy_checks(tmp_path):
    values = {
        key: value
        for key, value in _example().items()
        if not re.search(rf"^# ?{key}=", EXAMPLE.read_text(), flags=re.M)
    }
    values.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "VAR_DIR": str(tmp_path / "var"),
            "STORAGE_BACKEND": "filesystem",
        }
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            },
            **values,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
