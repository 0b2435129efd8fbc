"""What the accounts app announces to other apps (connect receivers in ``AppConfig.ready()``).

- ``logged_in(sender=User, request=, user=)``: after every successful login, citizens and staff
  (e.g. claim the anonymous drafts of this browser session).
- ``account_deleting(sender=User, user=)``: inside the transaction, before a citizen account is
  deleted (e.g. detach submissions).
"""

from django.dispatch import Signal

logged_in = Signal()
account_deleting = Signal()
