"""What the retention app answers when other apps ask (connected in ``ready()``)."""

from jobcenter.retention import selectors


def hidden_cases(sender, **kwargs):
    """Cases restricted at the end of their retention period (§ 84 SGB X): seen by nobody."""
    return selectors.restricted_cases()


def draft_days(sender, *, jobcenter, secured, **kwargs) -> int:
    return selectors.draft_days(jobcenter, secured=secured)
