"""What the mailbox announces to other apps (connect receivers in ``AppConfig.ready()``).

- ``case_mailbox_changed(sender=Case, case=)``: sent inside the transaction that adds a message
  (either way) to ``case`` or settles the delivery of one of its decisions (sent as a letter,
  first retrieved, or flagged for the post and then marked as posted). The handover hands the
  new item to the e-file. A receiver that raises rolls the change back.
"""

from django.dispatch import Signal

case_mailbox_changed = Signal()
