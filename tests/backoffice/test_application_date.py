"""An Erstantrag's case shows the application date that "Antrag gesichert" fixed (§ 37 SGB II)
and links the secured case and the full Erstantrag both ways."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework import services
from jobcenter.casework.models import Case, CaseworkSettings
from jobcenter.intake.models import Draft, Submission
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.backoffice.test_case_pages import _emil_case as paper_erstantrag
from tests.portal.test_erstantrag import FULL, single_adult

pytestmark = pytest.mark.django_db

SECURED_ON = dt.datetime(2026, 3, 17, 10, 0)


@pytest.fixture
def applications(client, jobcenter):
    """A secured application of 17 March and the full Erstantrag sent weeks later."""
    single_adult(client)
    secured = Submission.objects.get(form_key="antrag_gesichert")
    # The date was secured in March; the full form arrives today. (Submissions are immutable
    # for the application, so the test moves the date in the database.)
    when = timezone.make_aware(SECURED_ON)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE intake_submission SET received_at = %s WHERE id = %s", [when, secured.pk]
        )
    Case.objects.filter(submission=secured).update(received_at=when)
    draft = Draft.objects.get(form_key="erstantrag")
    client.post(f"{FULL}/absenden/", {"entwurf": str(draft.public_id)})
    full = Submission.objects.get(form_key="erstantrag")
    client.logout()
    return Case.objects.get(submission=secured), Case.objects.get(submission=full)


def _page(client, case):
    return client.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))


def test_the_full_erstantrag_shows_the_secured_date_and_links_the_secured_case(
    client, staff, applications
):
    secured, full = applications
    assert full.received_at.date() > SECURED_ON.date()
    login_as(client, staff)
    html = _page(client, full).content.decode()
    box = html[html.index('data-testid="application-date"') :]
    box = box[: box.index("</div>\n</div>")]
    assert "Antragsdatum 17.03.2026" in box
    assert "wirkt auf den 01.03.2026 zurück" in box
    secured_url = reverse("backoffice:case_detail", kwargs={"public_id": secured.public_id})
    assert f'href="{secured_url}">{secured.reference}</a>' in box


def test_the_secured_case_links_the_full_erstantrag(client, staff, applications):
    secured, full = applications
    login_as(client, staff)
    html = _page(client, secured).content.decode()
    assert "Antragsdatum 17.03.2026" in html
    full_url = reverse("backoffice:case_detail", kwargs={"public_id": full.public_id})
    assert f'href="{full_url}">{full.reference}</a>' in html


def test_a_secured_case_without_its_full_form_says_so(client, jobcenter, staff):
    from tests.portal.test_erstantrag import secure

    secure(client)
    secured = Case.objects.get(submission__form_key="antrag_gesichert")
    client.logout()
    login_as(client, staff)
    html = _page(client, secured).content.decode()
    assert "Der vollständige Erstantrag ist noch nicht eingegangen." in html


def test_a_case_the_viewer_may_not_open_is_not_linked(client, jobcenter, applications):
    secured, full = applications
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    insider = make_staff(jobcenter, teams=[team])
    services.case_set_protected(case=secured, by=insider, protected=True)
    login_as(client, make_staff(jobcenter))
    html = _page(client, full).content.decode()
    assert "Antragsdatum 17.03.2026" in html and secured.reference in html
    assert str(secured.public_id) not in html


def test_other_forms_show_no_application_date_box(client, jobcenter, staff):
    from tests.casework.factories import make_case

    login_as(client, staff)
    html = _page(client, make_case(jobcenter)).content.decode()
    assert 'data-testid="application-date"' not in html


def test_an_erstantrag_without_a_secured_date_says_what_counts(client, jobcenter, staff):
    """A paper Erstantrag (or one sent without securing the date first) has no secured case:
    the box said only the date, above an empty body. It says that the receipt counts."""
    case = paper_erstantrag(jobcenter, staff)
    login_as(client, staff)
    html = _page(client, case).content.decode()
    box = html[html.index('data-testid="application-date"') :]
    box = box[: box.index("</div>\n</div>")]
    body = box[box.index('class="kern-alert__body"') :]
    assert "Antragsdatum " + timezone.localdate().strftime("%d.%m.%Y") in box
    assert "Es wurde vorher kein Antragsdatum gesichert" in body
