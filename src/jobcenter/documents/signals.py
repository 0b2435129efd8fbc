"""What the documents app announces to other apps (connect receivers in ``AppConfig.ready()``).

- ``upload_ready(sender=Upload, upload_id=)``: sent inside the transaction that marks an upload
  scanned, normalised and stored (e.g. the handover of a document sent later). A receiver that
  raises rolls the "ready" back; the job retries.
"""

from django.dispatch import Signal

upload_ready = Signal()
