"""What casework does when other apps announce something (connected in ``CaseworkConfig.ready``)."""

from jobcenter.casework.services import case_open_for_submission, case_take_reference


def open_case(sender, *, submission, draft, **kwargs) -> None:
    """Every submission opens a case in the same transaction."""
    case_open_for_submission(submission, draft, new=True)


def take_reference(sender, *, submission, **kwargs) -> None:
    """The submission's reference was counted after its case was opened: the case keeps it."""
    case_take_reference(submission)
