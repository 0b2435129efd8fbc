"""The receipts app's public interface (reads only): the receipt PDF and the confirmation e-mail.

Both are pure rendering: they take a submission (``jobcenter.intake.models.Submission``) and
return bytes or an unsent ``EmailMessage``. Storing the PDF and sending the mail, once and with
retries, is the job of ``jobcenter.intake.jobs``. Nothing here writes, so it is ``selectors``.
"""

from jobcenter.receipts.content import documents_of
from jobcenter.receipts.mail import confirmation_email
from jobcenter.receipts.pdf import (
    ATTACHMENT_NAME,
    receipt_attachments,
    render_receipt_pdf,
    warm_up,
)

__all__ = [
    "ATTACHMENT_NAME",
    "confirmation_email",
    "documents_of",
    "receipt_attachments",
    "render_receipt_pdf",
    "warm_up",
]
