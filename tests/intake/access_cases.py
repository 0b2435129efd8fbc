"""Access-matrix entries for submissions (receipt pages and PDFs) and draft resume links."""

from jobcenter.intake.selectors import receipt_token
from jobcenter.intake.services import draft_resume_token
from tests.intake.factories import fake_receipt, make_draft, make_submission
from tests.security.access_matrix import ACTORS, register


def _owned(world, actor):
    submission = make_submission(world.jobcenter, user=world.owner)
    fake_receipt(submission)
    return submission


@register("portal:submission_detail", allowed={"owner"})
def submission_detail(world, actor):
    return {"jobcenter": world.jobcenter.slug, "public_id": _owned(world, actor).public_id}


@register("portal:submission_pdf", allowed={"owner"})
def submission_pdf(world, actor):
    return {"jobcenter": world.jobcenter.slug, "public_id": _owned(world, actor).public_id}


# The secret link is the key: whoever holds it may read the receipt (anonymous applicants have
# nothing else). A wrong or missing token answers 404: tests/intake/test_receipt_pages.py.
@register("portal:submission_link", allowed=set(ACTORS))
def submission_link(world, actor):
    submission = _owned(world, actor)
    return {
        "jobcenter": world.jobcenter.slug,
        "public_id": submission.public_id,
        "token": receipt_token(submission),
    }


@register("portal:submission_link_pdf", allowed=set(ACTORS))
def submission_link_pdf(world, actor):
    submission = _owned(world, actor)
    return {
        "jobcenter": world.jobcenter.slug,
        "public_id": submission.public_id,
        "token": receipt_token(submission),
    }


# "Link zum Weitermachen": the signed token is the key, like the receipt link — whoever holds it
# continues the draft (anonymous applicants have nothing else). Wrong, tampered or foreign tokens
# answer 404: tests/portal/test_resume_link.py.
@register("portal:wizard_resume", allowed=set(ACTORS))
def wizard_resume(world, actor):
    draft = make_draft(world.jobcenter, user=world.owner)
    return {
        "jobcenter": world.jobcenter.slug,
        "form": "weiterbewilligung",
        "token": draft_resume_token(draft),
    }
