from django.apps import AppConfig
from django.core.signals import request_finished

from jobcenter.monitoring.logging import request_id


def _forget_request_id(**kwargs):
    request_id.set("-")


class MonitoringConfig(AppConfig):
    name = "jobcenter.monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        request_finished.connect(_forget_request_id, dispatch_uid="monitoring.request_id")
