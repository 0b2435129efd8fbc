"""An app reads and changes another app's data through that app's ``selectors`` and ``services``,
not through its models (docs/DECISIONS.md). The check walks every module of ``src/jobcenter``
and finds each import of another app's ``models``; the ones that remain are listed below, each
with the reason it stays. A new one fails this test: use (or add) a selector or service of the
other app, or — when there is no better way — list it here with its reason.

Not counted: migrations (they name other apps' models by design) and imports under
``if TYPE_CHECKING:`` (type hints only, nothing is called). ForeignKey targets are named by
string ("casework.Case") in this project, so a models.py imports another app's models only for
an abstract base.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "jobcenter"

# "importing module -> imported models module": why it stays.
ALLOWED = {
    # Staff roles, kinds and teams are choices the back office shows and filters by.
    "backoffice.cases -> accounts.models": "staff roles and teams in the case page's choices",
    "backoffice.forms -> accounts.models": "the team choice field is a ModelChoiceField",
    "backoffice.views -> accounts.models": "staff roles decide which pages a member sees",
    "casework.admin -> accounts.models": "the Django admin's team filter",
    "casework.demo -> accounts.models": "demo data creates teams (development only)",
    "casework.selectors -> accounts.models": "the staff a case can be assigned to, by kind",
    "casework.services -> accounts.models": "staff roles decide who may do a transition",
    "handover.views -> accounts.models": "the pull API's settings page is for one role",
    "reporting.access -> accounts.models": "the statistics are for one role",
    "retention.views -> accounts.models": "the retention pages are for one role",
    # Forms (Django ModelForms / ModelChoiceFields) need the model class itself.
    "backoffice.forms -> audit.models": "the audit log filter's choices are the entry's actions",
    "backoffice.forms -> casework.models": "ModelChoiceFields over cases and household members",
    "backoffice.forms -> tenants.models": "the forwarding form's Jobcenter choice",
    "portal.forms -> tenants.models": "the postcode validator of the Jobcenter finder",
    # The back office is the staff's window onto the cases: its lists join several apps.
    "backoffice.cases -> casework.models": "the workflow's transitions and the case model",
    "backoffice.selectors -> casework.models": "the inbox query joins cases and customers",
    "backoffice.selectors -> documents.models": "the inbox counts the uploads of a case",
    "backoffice.selectors -> handover.models": "the transports page lists the handover's",
    "backoffice.work -> casework.models": "the work list's case queries",
    # Which submissions a Jobcenter may see depends on its cases (forwarding, § 16 SGB I): the
    # queries join submissions and cases, so they live with the cases.
    "casework.selectors -> intake.models": "submissions here: received or forwarded (a join)",
    # The handover puts every app's records of a case into one bundle.
    "handover.bundle -> documents.models": "the Upload model's own note on an unscanned file",
    "handover.bundle -> mailbox.models": "the decision's channel and the topic by their labels",
    "handover.services -> casework.models": "the catch-up: cases with loose records, one query",
    "handover.services -> documents.models": "the catch-up: uploads without a bundle (subquery)",
    "handover.services -> mailbox.models": "the catch-up: posts, decisions without a bundle",
    "handover.services -> tenants.models": "the catch-up runs per Jobcenter with a transport",
    "mailbox.selectors -> casework.models": "threads of forwarded cases excluded in the query",
    # Abstract bases: the job runner's fields live in core.
    "handover.models -> core.models": "abstract base JobFields",
    "intake.models -> core.models": "abstract base JobFields",
    # Demo data (development only) writes rows of several apps directly.
    "casework.demo -> intake.models": "demo data (development only)",
    "documents.demo -> casework.models": "demo data (development only)",
    "reporting.demo -> casework.models": "demo data (development only)",
    "reporting.demo -> intake.models": "demo data (development only)",
    # The statistics aggregate over other apps' tables in the database (one query per figure),
    # which selectors returning rows could not do at that speed.
    "reporting.report -> casework.models": "statistics: aggregates in the database",
    "reporting.selectors -> casework.models": "statistics: aggregates in the database",
    "reporting.selectors -> intake.models": "statistics: aggregates in the database",
    "reporting.services -> casework.models": "statistics: the nightly snapshot's aggregates",
    "reporting.services -> tenants.models": "statistics: one snapshot per Jobcenter",
    # Retention deletes and exports every app's records by one rule table (docs/RETENTION.md).
    "retention.export -> casework.models": "the citizen's data download reads every app",
    "retention.export -> documents.models": "the citizen's data download reads every app",
    "retention.export -> intake.models": "the citizen's data download reads every app",
    "retention.export -> mailbox.models": "the citizen's data download reads every app",
    "retention.selectors -> audit.models": "the shredder finds what is due in every app",
    "retention.selectors -> casework.models": "the shredder finds what is due in every app",
    "retention.selectors -> documents.models": "the shredder finds what is due in every app",
    "retention.selectors -> handover.models": "the shredder finds what is due in every app",
    "retention.selectors -> intake.models": "the shredder finds what is due in every app",
    "retention.selectors -> mailbox.models": "the shredder finds what is due in every app",
    "retention.services -> casework.models": "the shredder deletes in every app",
    "retention.services -> documents.models": "the shredder deletes in every app",
    "retention.services -> intake.models": "the shredder deletes in every app",
    "retention.services -> tenants.models": "the shredder runs per Jobcenter",
}


def _models_imported(node) -> list[str]:
    """The ``jobcenter.<app>.models`` modules an import statement reaches."""
    found = []
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        parts = node.module.split(".")
        if parts[0] == "jobcenter" and len(parts) >= 3 and parts[2] == "models":
            found.append(parts[1])
        elif parts[0] == "jobcenter" and len(parts) == 2:
            found += [parts[1] for alias in node.names if alias.name == "models"]
    elif isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == "jobcenter" and len(parts) >= 3 and parts[2] == "models":
                found.append(parts[1])
    return found


def _type_checking_only(tree) -> set[int]:
    """Line numbers of the statements under ``if TYPE_CHECKING:``."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def cross_app_models_imports(root: Path = SRC) -> dict[str, list[str]]:
    """``"module -> app.models"`` → the places (file:line) where it is imported."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        app, module = parts[0], ".".join(parts)
        tree = ast.parse(path.read_text())
        hints = _type_checking_only(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in hints:
                continue
            for other in _models_imported(node):
                if other != app:
                    key = f"{module} -> {other}.models"
                    found.setdefault(key, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_new_import_of_another_apps_models():
    found = cross_app_models_imports()
    new = {key: places for key, places in found.items() if key not in ALLOWED}
    assert new == {}, (
        "Another app's models imported: use its selectors/services, or list the import in "
        "ALLOWED with the reason it must stay"
    )


def test_the_allow_list_has_no_stale_entry():
    """An entry whose import is gone is taken out, so the list only ever shrinks."""
    assert sorted(set(ALLOWED) - set(cross_app_models_imports())) == []


def test_the_check_finds_each_spelling(tmp_path):
    app = tmp_path / "documents"
    app.mkdir()
    (app / "views.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from jobcenter.intake.models import Submission\n"
        "from jobcenter.casework import models as casework_models\n"
        "import jobcenter.mailbox.models\n"
        "from jobcenter.documents.models import Upload\n"
        "if TYPE_CHECKING:\n"
        "    from jobcenter.tenants.models import Jobcenter\n"
        "def f():\n"
        "    from jobcenter.handover.models import Bundle\n"
    )
    assert sorted(cross_app_models_imports(tmp_path)) == [
        "documents.views -> casework.models",
        "documents.views -> handover.models",
        "documents.views -> intake.models",
        "documents.views -> mailbox.models",
    ]
