"""The work queues' partial indexes carry the case's state and protection flag (INCLUDE, on
PostgreSQL), so the inbox's "mir zugewiesen" and team filters count their open cases from the
index alone (docs/PERFORMANCE.md P5: at 1 M cases the count read 10,000 rows from the table)."""


from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_saml'),
        ('casework', '0011_name_state_surname'),
        ('intake', '0004_secured_submission'),
        ('tenants', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='casework_queue_assignee_idx',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='casework_queue_team_idx',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('state__in', ('eingegangen', 'in_bearbeitung', 'unterlagen_angefordert', 'vollstaendig'))), fields=['jobcenter', 'assignee', 'received_at', 'id'], include=('state', 'is_protected'), name='casework_queue_assignee_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('state__in', ('eingegangen', 'in_bearbeitung', 'unterlagen_angefordert', 'vollstaendig'))), fields=['jobcenter', 'team', 'received_at', 'id'], include=('state', 'is_protected'), name='casework_queue_team_idx'),
        ),
    ]
