"""What casework does when other apps announce something (connected in ``CaseworkConfig.ready``)."""

from jobcenter.casework.services import case_open_for_submission


def open_case(sender, *, submission, draft, **kwargs) -> None:
    """Every submission opens a case in the same transaction."""
    case_open_for_submission(submission, draft, new=True)
