"""What the handover does when other apps announce something (connected in ``ready()``)."""

from jobcenter.handover import panel, services


def case_panel(sender, *, request, case, **kwargs) -> str:
    return panel.case_panel(request, case)


def case_transitioned(sender, *, case, from_state, to_state, **kwargs) -> None:
    services.on_case_transition(case=case, from_state=from_state, to_state=to_state)


def upload_ready(sender, *, upload_id, **kwargs) -> None:
    services.on_upload_ready(upload_id=upload_id)


def submission_handover_due(sender, *, submission, **kwargs) -> None:
    services.submission_arrived(submission)


def case_mailbox_changed(sender, *, case, **kwargs) -> None:
    services.on_mailbox_changed(case=case)
