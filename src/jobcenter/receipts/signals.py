"""What the receipts ask other apps for (connect receivers in ``AppConfig.ready()``).

- ``documents_wanted(sender=Submission, submission=)``: the checklist of a sent application
  (what its answers call for, against what was handed in); a receiver returns a list of items
  with ``needed`` and ``arrived`` (the documents app). Without an answer the receipt lists none.
"""

from django.dispatch import Signal

documents_wanted = Signal()
