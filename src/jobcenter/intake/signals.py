"""What the intake app announces to other apps (connect receivers in ``AppConfig.ready()``).

- ``submission_created(sender=Submission, submission=, draft=)``: sent once per submission,
  inside the submitting transaction, so either everything exists afterwards or nothing does
  (casework opens a case, documents move the draft's uploads over). A receiver must stay quick
  and do no I/O outside the database (slow work belongs in a job); if it raises, nothing is
  submitted. The reference is not counted yet: ``submission.reference`` is a provisional
  placeholder while this signal runs (see ``submission_numbered``).
- ``submission_numbered(sender=Submission, submission=)``: sent right after the reference
  (Eingangsnummer) has been counted and written, as the last step of the submitting
  transaction; a receiver that keeps a copy of ``submission.reference`` updates it here. The
  counter's row lock serialises every submit of a Jobcenter until the commit, so a receiver
  runs one statement at most.
- ``submission_handover_due(sender=Submission, submission=)``: sent by the submission's
  handover job in ``manage.py db_worker`` (the handover app hands the application over now if
  the Jobcenter hands over on arrival). A receiver that raises makes the job retry, so it must
  be safe to run twice.
- ``draft_days_wanted(sender=Draft, jobcenter=, secured=)``: how many days a draft is kept after
  its last save; a receiver returns a number of days or None (the retention app: the
  Jobcenter's rule for drafts). Without an answer, ``DRAFT_EXPIRY_DAYS``.
"""

from django.dispatch import Signal

submission_created = Signal()
submission_numbered = Signal()
submission_handover_due = Signal()
draft_days_wanted = Signal()
