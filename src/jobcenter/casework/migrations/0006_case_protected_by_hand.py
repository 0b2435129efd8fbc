"""§ 35 SGB I: remember which cases were protected by hand (case_set_protected), so that
unflagging a customer no longer lifts that protection.

Existing protected cases count as protected by hand when no flagged customer explains their
protection, or when their latest protection entry came from the case page (those entries have
no ": reason" part; the customer path writes "Geschützt (§ 35 SGB I): <reason>"). When in
doubt the case stays protected (the protected team can lift it).
"""

from django.db import migrations, models
from django.db.models import Q


def mark_by_hand(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    HouseholdMember = apps.get_model("casework", "HouseholdMember")
    CaseEvent = apps.get_model("casework", "CaseEvent")
    flagged_households = HouseholdMember.objects.filter(
        customer__is_protected=True).values("household_id")
    for case in Case.objects.filter(is_protected=True).only("id").iterator():
        explained = Case.objects.filter(pk=case.pk).filter(
            Q(customer__is_protected=True) | Q(household__in=flagged_households)).exists()
        latest = (CaseEvent.objects.filter(case_id=case.pk, kind="protected")
                  .order_by("-at", "-id").values_list("text", flat=True).first())
        if not explained or (latest is not None and ":" not in latest):
            Case.objects.filter(pk=case.pk).update(protected_by_hand=True)


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0005_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="protected_by_hand",
            field=models.BooleanField(default=False,
                                      verbose_name="Von Hand geschützt (§ 35 SGB I)"),
        ),
        migrations.RunPython(mark_by_hand, migrations.RunPython.noop),
    ]
