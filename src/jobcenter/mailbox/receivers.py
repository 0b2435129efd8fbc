"""What the mailbox does when others announce something (connected in ``ready()``)."""

from django.template.loader import render_to_string

from jobcenter.mailbox import selectors


def case_panel(sender, *, request, case, **kwargs) -> str:
    """The case page's section "Postfach": the citizen's messages with the answer form, the
    decisions sent (channel, notice, "abgerufen am", notified day, post flag) and the forms to
    send a decision or one of the form's quick decisions."""
    return render_to_string(
        "mailbox/staff/case_panel.html",
        {
            "case": case,
            "threads": selectors.case_threads(case),
            "decisions": selectors.case_decisions(case),
            "choices": selectors.decision_choices(case),
            "electronic": bool(case.submission.user_id)
            and selectors.has_consent(case.submission.user),
            "has_account": bool(case.submission.user_id),
        },
        request=request,
    )
