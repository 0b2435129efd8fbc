"""The public face of the handover app for other apps (intake's handover job)."""

from jobcenter.handover.services import submission_arrived

__all__ = ["submission_arrived"]
