"""When a decision made available in the mailbox counts as notified (Bekanntgabe-Fiktion).

§ 37 Abs. 2a SGB X: a decision made available for download, with the person's consent and
after authentication, counts as notified on the fourth day after the electronic notice of its
availability was sent. The Gesetz zur Modernisierung des Postrechts (PostModG, BGBl. 2024 I
Nr. 236) changed "dritten" to "vierten" Tag from 1 January 2025 (§ 37 Abs. 2 and 2a SGB X).
The day is not moved off a weekend or public holiday (it is not a period under § 26 SGB X;
BSG, 6.5.2010, B 14 AS 12/09 R). If the person credibly disputes receiving the notice, the
day of the retrieval counts instead; the caseworker sees both. docs/DOMAIN.md keeps the rule.

§ 37 Abs. 2 SGB X: a decision sent by post (here: one flagged because it was not retrieved in
time, then marked as posted) counts as notified on the fourth day after it was posted.

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
