"""PostgreSQL: the surname prefix index carries the case's state too (INCLUDE), so the name
search reads the prefix's entries index-only also in the inbox's default view (open cases).

The name search now always reads every entry of the prefix and sorts them
(``selectors._after_reading_every_match``; the planner walked the whole inbox for a surname
with few open cases, docs/PERFORMANCE.md P5); without the state in the index each entry cost a
heap fetch to tell open from closed. Replaces casework_case_name_cover_idx (same key).
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS casework_case_name_state_idx "
    "ON casework_case (jobcenter_id, last_name_norm varchar_pattern_ops) "
    "INCLUDE (received_at, id, is_protected, first_name, state)",
    "DROP INDEX IF EXISTS casework_case_name_cover_idx",
]
DROP = [
    "CREATE INDEX IF NOT EXISTS casework_case_name_cover_idx "
    "ON casework_case (jobcenter_id, last_name_norm varchar_pattern_ops) "
    "INCLUDE (received_at, id, is_protected, first_name)",
    "DROP INDEX IF EXISTS casework_case_name_state_idx",
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
    dependencies = [("casework", "0010_queue_idx_bench1m")]
    operations = [migrations.RunPython(forwards, backwards)]
