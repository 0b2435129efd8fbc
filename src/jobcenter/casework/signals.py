"""What the casework app announces to other apps (connect receivers in ``AppConfig.ready()``).

- ``case_forwarded(sender=Case, submission=, from_jobcenter=, to_jobcenter=)``: inside the
  forwarding transaction (§ 16 SGB I; the documents app hands the submission's documents to the
  new Jobcenter).
- ``case_transitioned(sender=Case, case=, from_state=, to_state=)``: inside the transaction of
  every state change (the handover app builds its bundle on "vollständig").
- ``case_panels_wanted(sender=Case, request=, case=)``: the case page asks for extra sections; a
  receiver returns rendered HTML (or "" for nothing). It checks nothing about access: the case
  page is only rendered for staff who may see the case.
- ``upload_url_wanted(sender=DocumentRequestItem, item=)``: the mailbox asks for the upload link
  of an open document request item; a receiver returns a URL or None.
- ``case_documents_wanted(sender=Case, case=)``: which documents a case holds (what it still
  lacks, the case page's "Unterlagen"); a receiver returns the case's documents, oldest first,
  each with ``doc_type``, ``received_at``, ``is_ready`` and ``staff_url`` ("" until ready).
- ``hidden_cases_wanted(sender=Case)``: cases nobody on staff may see any more; a receiver
  returns a queryset of their ids (the retention app: cases restricted under § 84 SGB X).
"""

from django.dispatch import Signal

case_forwarded = Signal()
case_transitioned = Signal()
case_panels_wanted = Signal()
upload_url_wanted = Signal()
case_documents_wanted = Signal()
hidden_cases_wanted = Signal()
