"""The first upload handler: limits the size and number of files while the request streams in.

A file over ``DOCUMENTS_MAX_FILE_MB`` is skipped as soon as its chunks pass the limit (the rest is
read and discarded, never stored), and so is every file beyond ``DOCUMENTS_MAX_FILES``. What was
skipped is noted on the request (``request.upload_problems``) for the view to explain. The
handlers after this one keep small files in memory and spool larger ones to a temporary file
(``FILE_UPLOAD_MAX_MEMORY_SIZE``), so an upload is never held in memory whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


@dataclass
class UploadProblems:
    oversize: list[str] = field(default_factory=list)
    too_many: int = 0


def problems_of(request) -> UploadProblems:
    problems = getattr(request, "upload_problems", None)
    if problems is None:
        problems = request.upload_problems = UploadProblems()
    return problems


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.count = 0
        self.received = 0
        self.limit = settings.DOCUMENTS_MAX_FILE_MB * 1024 * 1024

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.count += 1
        if self.count > settings.DOCUMENTS_MAX_FILES:
            problems_of(self.request).too_many += 1
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            problems_of(self.request).oversize.append(self.file_name or "")
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file
