"""A worker process (``manage.py db_worker``) imports a task's module by its path right after
Django has loaded, before anything else has imported the app's services. Each task module must
therefore load on its own, whichever of the modules it shares a cycle with comes first."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TASK_MODULES = sorted(
    "jobcenter." + ".".join(path.relative_to(ROOT / "src" / "jobcenter").with_suffix("").parts)
    for path in (ROOT / "src" / "jobcenter").glob("*/jobs.py")
)


def test_every_app_with_tasks_is_covered():
    assert "jobcenter.retention.jobs" in TASK_MODULES
    assert "jobcenter.intake.jobs" in TASK_MODULES


@pytest.mark.parametrize("module", TASK_MODULES)
def test_task_module_loads_first_in_a_fresh_process(module):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"import {module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
