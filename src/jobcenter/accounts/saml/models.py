"""The service provider's memory of its own AuthnRequests (in the database, not the session: the
IdP posts its answer cross-site, where the session cookie (SameSite=Lax) is not sent).

A response is accepted only for a request of ours that is young and still unanswered; marking it
answered is what makes a replayed response fail. The verified login waits here, without the
identity claims outliving it, until the browser that started the login fetches it."""

from django.db import models


class SamlLoginRequest(models.Model):
    request_id = models.CharField(max_length=80, unique=True)
    next_url = models.CharField(max_length=500, blank=True)
    minimum_level = models.CharField(max_length=20)  # basic / substantial / high
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # {"user_id", "level", "claims"} once the response was verified; emptied when picked up.
    result = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = "SAML-Anmeldeanfrage"
        verbose_name_plural = "SAML-Anmeldeanfragen"

    def __str__(self) -> str:
        return self.request_id
