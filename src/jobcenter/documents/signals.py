"""Deleting an upload (a discarded or expired draft) deletes its stored files too."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from jobcenter.documents.models import Upload, UploadFile


@receiver(post_delete, sender=UploadFile)
@receiver(post_delete, sender=Upload)
def delete_stored_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.storage.delete(instance.file.name)
