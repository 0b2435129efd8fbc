"""Work queues: the open cases of a caseworker or a team, oldest first (partial indexes over the
open states). Found by bench/inbox_latency.py at 1 M cases (docs/PERFORMANCE.md, P5): the case
page's previous/next read and sorted a whole caseload (10,000 open cases: 2 × 0.3 s per case
page); with these indexes and selectors.queue_entries' EXISTS it stops after one queue page, and
the walk does not pass the years of closed cases before the open ones.
"""

from django.db import migrations, models

OPEN = ("eingegangen", "in_bearbeitung", "unterlagen_angefordert", "vollstaendig")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0009_case_urgent_backoffice"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("state__in", OPEN)),
                fields=["jobcenter", "assignee", "received_at", "id"],
                name="casework_queue_assignee_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("state__in", OPEN)),
                fields=["jobcenter", "team", "received_at", "id"],
                name="casework_queue_team_idx",
            ),
        ),
    ]
