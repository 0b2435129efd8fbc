"""When a decision made available in the mailbox counts as notified (Bekanntgabe-Fiktion).

§ 37 Abs. 2a SGB X: a decision made available for download, with the person's consent and
after authentication, counts as notified on the fourth day after the electronic notice of its
availability was sent. The Gesetz zur Modernisierung des Postrechts (PostModG, BGBl. 2024 I
Nr. 236) changed "dritten" to "vierten" Tag from 1 January 2025 (§ 37 Abs. 2 and 2a SGB X).
The day is not moved off a weekend or public holiday (it is not a period under § 26 SGB X;
BSG, 6.5.2010, B 14 AS 12/09 R). If the person credibly disputes receiving the notice, the
day of the retrieval counts instead; the caseworker sees both. docs/DOMAIN.md keeps the rule.

§ 37 Abs. 2 SGB X: a decision sent by post (a letter to a person without consent, or one
flagged because it was not retrieved in time; each marked as posted by a caseworker) counts as
notified on the fourth day after it was posted. For a flagged one the posting is what counts:
a decision not retrieved in time was not notified electronically (§ 37 Abs. 2a SGB X, modelled
on § 41 Abs. 2a VwVfG: the notification is not effected, another way remains open).

This module is the only place the rule is written down; everything shows its result.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

NOTIFIED_AFTER_DAYS = 4  # § 37 Abs. 2a Satz 4 SGB X in the version in force since 1.1.2025
POSTED_NOTIFIED_AFTER_DAYS = 4  # § 37 Abs. 2 Satz 1 SGB X (letters), same version


def notified_on(notice_sent_at: dt.datetime) -> dt.date:
    """The day a decision counts as notified: the fourth day after the notice was sent."""
    return timezone.localtime(notice_sent_at).date() + dt.timedelta(days=NOTIFIED_AFTER_DAYS)


def retrieval_period_ends(notice_sent_at: dt.datetime) -> dt.date:
    """After this day an unretrieved decision is flagged for sending by post: the Jobcenter could
    not prove the notice's receipt if it were disputed (setting MAILBOX_RETRIEVAL_DAYS)."""
    days = getattr(settings, "MAILBOX_RETRIEVAL_DAYS", 10)
    return timezone.localtime(notice_sent_at).date() + dt.timedelta(days=days)


def notified_by_post_on(posted_at: dt.datetime) -> dt.date:
    """The day a decision sent by post counts as notified: the fourth day after it was posted
    (§ 37 Abs. 2 Satz 1 SGB X, "vierten Tag nach der Aufgabe zur Post", PostModG from
    1.1.2025; unless it did not arrive or arrived later). Not moved off a weekend or holiday."""
    return timezone.localtime(posted_at).date() + dt.timedelta(days=POSTED_NOTIFIED_AFTER_DAYS)


def counts_as_notified_on(
    *,
    notice_sent_at: dt.datetime | None,
    post_flagged_at: dt.datetime | None,
    posted_at: dt.datetime | None,
) -> dt.date | None:
    """The one day a decision counts as notified, as shown to the citizen: by post once posted;
    by the mailbox notice unless it went to the post instead; ``None`` while a letter waits to
    be posted (no day yet)."""
    if posted_at is not None:
        return notified_by_post_on(posted_at)
    if notice_sent_at is not None and post_flagged_at is None:
        return notified_on(notice_sent_at)
    return None
