"""Receivers that keep the session bookkeeping right whichever way a login or logout happens
(password, TOTP, OIDC, the admin, tests' ``force_login``). Business rules live in services."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from jobcenter.accounts import services
from jobcenter.accounts.language import language_on_login


@receiver(user_logged_in, dispatch_uid="accounts.session_started")
def session_started(sender, request, user, **kwargs):
    services.session_started(request, user)
    if request is not None:
        language_on_login(request, user)


@receiver(user_logged_out, dispatch_uid="accounts.session_ended")
def session_ended(sender, request, user, **kwargs):
    services.session_ended(request)


@receiver(post_save, sender=get_user_model(), dispatch_uid="accounts.deactivated")
def deactivated(sender, instance, created, **kwargs):
    # A deactivation in the Django admin must end the account's sessions at once.
    if not created and not instance.is_active:
        services.sessions_end(user=instance)
