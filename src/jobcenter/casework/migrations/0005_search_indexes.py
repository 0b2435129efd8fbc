"""Inbox searches at a million cases (docs/QUALITY.md P5, docs/PERFORMANCE.md).

- Birth date: (jobcenter, birth_date, received_at DESC, id DESC) — equal birth date in the
  inbox's order, so the page stops after 51 rows without sorting (replaces casework_birth_idx).
- Surname prefix (PostgreSQL): the prefix index now carries the columns the name search filters
  and sorts by (INCLUDE), so ``selectors.inbox_page`` picks the page's 51 ids by an index-only
  scan (a prefix matches several surnames, so their order by receipt time needs a sort; sorting
  the small index entries is cheap, fetching every matching row was not) and reads only those
  rows. Replaces casework_case_name_prefix_idx (same leading columns).
"""

from django.conf import settings
from django.db import migrations, models

CREATE = [
    "CREATE INDEX IF NOT EXISTS casework_case_name_cover_idx "
    "ON casework_case (jobcenter_id, last_name_norm varchar_pattern_ops) "
    "INCLUDE (received_at, id, is_protected, first_name)",
    "DROP INDEX IF EXISTS casework_case_name_prefix_idx",
]
DROP = [
    "CREATE INDEX IF NOT EXISTS casework_case_name_prefix_idx "
    "ON casework_case (jobcenter_id, last_name_norm varchar_pattern_ops)",
    "DROP INDEX IF EXISTS casework_case_name_cover_idx",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0004_caseevent_kind_handover"),
        ("intake", "0004_secured_submission"),
        ("tenants", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="casework_birth_idx",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["jobcenter", "birth_date", "-received_at", "-id"],
                               name="casework_birth_recv_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
