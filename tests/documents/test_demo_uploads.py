"""The demo's uploaded documents: synthetic PDFs for the online cases whose answers call for
documents, checked by the worker like any upload; some cases then lack nothing."""

from jobcenter.casework import selectors
from jobcenter.casework.demo import seed_cases
from jobcenter.casework.models import Case
from jobcenter.documents.demo import seed_uploads
from jobcenter.documents.models import Upload
from tests.accounts.fixtures import make_staff
from tests.documents.helpers import drain_documents


def test_demo_uploads_fit_the_needs_and_are_made_once(demo_jobcenters, media):
    jobcenter = demo_jobcenters[0]
    seed_cases(demo_jobcenters, count=80, citizen=None, staff=make_staff(jobcenter))
    made = seed_uploads(jobcenter)
    assert made > 0
    assert seed_uploads(jobcenter) == 0
    drain_documents()
    uploads = Upload.objects.filter(jobcenter=jobcenter)
    assert uploads.count() == made
    assert set(uploads.values_list("status", flat=True)) == {Upload.Status.READY}
    with_documents = Case.objects.filter(submission__uploads__isnull=False).distinct()
    assert any(not selectors.open_needs(case) for case in with_documents)
