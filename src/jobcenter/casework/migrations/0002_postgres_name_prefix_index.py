"""PostgreSQL: an index that serves "surname starts with" (LIKE 'abc%') in any collation.

A plain btree index is used for LIKE prefixes only under the C collation; ``varchar_pattern_ops``
works in every collation. SQLite needs nothing (its LIKE prefix uses the plain index or a scan
at demo sizes).
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS casework_case_name_prefix_idx "
    "ON casework_case (jobcenter_id, last_name_norm varchar_pattern_ops)",
]
DROP = ["DROP INDEX IF EXISTS casework_case_name_prefix_idx"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
