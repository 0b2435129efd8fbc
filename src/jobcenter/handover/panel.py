"""The case page's handover section (casework.signals.case_panels_wanted): when and how the
case was handed over, per bundle and transport, and the printable PDF (print on demand)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from jobcenter.handover import selectors, services


def case_panel(request, case) -> str:
    rows = []
    for bundle in selectors.bundles_of_case(case):
        for delivery in bundle.deliveries.all():
            rows.append({"bundle": bundle, "delivery": delivery})
        if not bundle.deliveries.all():
            rows.append({"bundle": bundle, "delivery": None})
    forwarded_to = None
    if case.state == case.State.WEITERGELEITET:
        forwarded_to = (
            type(case).objects.filter(forwarded_from=case).select_related("jobcenter").first()
        )
    return render_to_string(
        "handover/case_panel.html",
        {
            "rows": rows,
            # A closed case needs no advice on handing it over (forwarded, withdrawn: never here).
            "closed": case.state
            in (case.State.WEITERGELEITET, case.State.ZURUECKGEZOGEN, case.State.UEBERGEBEN),
            "forwarded_to": forwarded_to.jobcenter.name if forwarded_to else "",
            "on_arrival": services.settings_for(case.jobcenter).trigger
            == services.HandoverSettings.Trigger.ARRIVAL,
            "has_transport": services.active_transports(case.jobcenter).exists(),
            "print_url": reverse("handover:print", kwargs={"public_id": case.public_id}),
            "case": case,
        },
        request=request,
    )
