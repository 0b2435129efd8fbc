"""Passkeys through Django's test client with a software authenticator: register, log in,
second login step, step-up, rename, remove; refused answers (wrong origin, replay, counter)."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken

from jobcenter.accounts import session as login_state
from jobcenter.accounts.models import Passkey
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen, make_staff
from tests.accounts.soft_authenticator import SoftPasskey

pytestmark = pytest.mark.django_db


def _options(client, url):
    response = client.post(url)
    assert response.status_code == 200, response
    return response.json()


def register(client, authenticator, *, prefix="/konto", name="Mein Telefon"):
    options = _options(client, f"{prefix}/passkeys/optionen/")
    return client.post(
        f"{prefix}/passkeys/neu/",
        {"credential": authenticator.create(options), "name": name},
    )


def _auth_state(client):
    return client.session[login_state.SESSION_AUTH]


def test_citizen_registers_a_passkey_gets_recovery_codes_and_logs_in_with_it(client):
    citizen = make_citizen()
    login_as(client, citizen)
    authenticator = SoftPasskey()
    response = register(client, authenticator)
    assert response["Location"] == "/konto/passkeys/codes/"
    passkey = Passkey.objects.get(user=citizen)
    assert passkey.name == "Mein Telefon" and passkey.confirmed
    assert StaticToken.objects.filter(device__user=citizen).count() == 10
    page = client.get("/konto/passkeys/codes/").content.decode()
    assert page.count('data-testid="recovery-code"') == 10

    client.post("/konto/abmelden/")
    options = _options(client, "/konto/anmelden/passkey/optionen/")
    assert options["userVerification"] == "required" and not options.get("allowCredentials")
    response = client.post(
        "/konto/anmelden/passkey/", {"credential": authenticator.get(options), "next": "/konto/"}
    )
    assert response["Location"] == "/konto/"
    assert _auth_state(client)["method"] == "passkey"
    assert client.get("/konto/").status_code == 200
    passkey.refresh_from_db()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_a_replayed_or_foreign_answer_is_refused(client):
    citizen = make_citizen()
    login_as(client, citizen)
    authenticator = SoftPasskey()
    register(client, authenticator)
    client.post("/konto/abmelden/")

    options = _options(client, "/konto/anmelden/passkey/optionen/")
    answer = authenticator.get(options, origin="http://evil.invalid")
    response = client.post("/konto/anmelden/passkey/", {"credential": answer})
    assert response["Location"].startswith("/konto/anmelden/")
    assert "_auth_user_id" not in client.session

    options = _options(client, "/konto/anmelden/passkey/optionen/")
    answer = authenticator.get(options)
    client.post("/konto/anmelden/passkey/", {"credential": answer})
    client.post("/konto/abmelden/")
    response = client.post("/konto/anmelden/passkey/", {"credential": answer})  # replayed
    assert "_auth_user_id" not in client.session

    options = _options(client, "/konto/anmelden/passkey/optionen/")
    answer = authenticator.get(options, count_up=False)  # a cloned key: the counter stands still
    client.post("/konto/anmelden/passkey/", {"credential": answer})
    assert "_auth_user_id" not in client.session


def test_a_passkey_without_user_verification_is_no_login_of_its_own(client):
    citizen = make_citizen()
    login_as(client, citizen)
    authenticator = SoftPasskey(verify_user=False)
    register(client, authenticator)
    client.post("/konto/abmelden/")
    options = _options(client, "/konto/anmelden/passkey/optionen/")
    client.post("/konto/anmelden/passkey/", {"credential": authenticator.get(options)})
    assert "_auth_user_id" not in client.session


def test_password_login_then_passkey_as_second_factor_and_recovery_codes_still_work(client):
    citizen = make_citizen()
    login_as(client, citizen)
    authenticator = SoftPasskey(verify_user=False)
    register(client, authenticator)
    codes = client.get("/konto/passkeys/codes/").context["codes"]
    client.post("/konto/abmelden/")

    response = client.post("/konto/anmelden/", {"email": citizen.email, "password": PASSWORD})
    assert response["Location"] == "/konto/anmelden/code/"
    assert "_auth_user_id" not in client.session
    options = _options(client, "/konto/anmelden/code/passkey/optionen/")
    response = client.post(
        "/konto/anmelden/code/passkey/", {"credential": authenticator.get(options)}
    )
    assert response["Location"] == "/konto/"
    assert login_state.has_second_factor(client.get("/konto/").wsgi_request)

    client.post("/konto/abmelden/")
    client.post("/konto/anmelden/", {"email": citizen.email, "password": PASSWORD})
    response = client.post("/konto/anmelden/code/", {"otp_token": codes[0]})
    assert response["Location"] == "/konto/"


def test_step_up_with_a_passkey_confirms_a_state_account_login(client):
    citizen = make_citizen()
    login_as(client, citizen)
    authenticator = SoftPasskey()
    register(client, authenticator)
    client.post("/konto/abmelden/")
    login_as(client, citizen, method="oidc", level=login_state.BASIC, second_factor=False)
    page = client.get("/konto/staerkere-anmeldung/?next=/konto/").content.decode()
    assert "Mit Passkey bestätigen" in page and "nur mit JavaScript" in page
    options = _options(client, "/konto/passkeys/bestaetigen/optionen/")
    response = client.post(
        "/konto/passkeys/bestaetigen/",
        {"credential": authenticator.get(options), "next": "/konto/"},
    )
    assert response["Location"] == "/konto/"
    assert login_state.meets_assurance(response.wsgi_request, login_state.SUBSTANTIAL)


def test_rename_and_remove(client):
    citizen = make_citizen()
    login_as(client, citizen)
    register(client, SoftPasskey())
    passkey = Passkey.objects.get(user=citizen)
    response = client.post(f"/konto/passkeys/{passkey.pk}/umbenennen/", {"name": "  Laptop  "})
    assert response["Location"] == "/konto/passkeys/"
    passkey.refresh_from_db()
    assert passkey.name == "Laptop"
    response = client.post(f"/konto/passkeys/{passkey.pk}/umbenennen/", {"name": ""})
    assert response.status_code == 400
    client.post(f"/konto/passkeys/{passkey.pk}/entfernen/")
    assert not Passkey.objects.filter(user=citizen).exists()


def test_staff_registers_a_passkey_and_confirms_the_login_with_it(client, jobcenter):
    staff = make_staff(jobcenter)
    login_as(client, staff)
    authenticator = SoftPasskey(verify_user=False)
    response = register(client, authenticator, prefix="/backoffice/mein-konto")
    assert response["Location"] == "/backoffice/mein-konto/passkeys/"
    client.post("/konto/abmelden/")

    response = client.post(
        "/backoffice/anmelden/", {"username": staff.username, "password": PASSWORD}
    )
    assert response["Location"] == "/backoffice/anmelden/code/"
    options = _options(client, "/backoffice/mein-konto/anmeldung/passkey/optionen/")
    assert len(options["allowCredentials"]) == 1
    response = client.post(
        "/backoffice/mein-konto/anmeldung/passkey/", {"credential": authenticator.get(options)}
    )
    assert response["Location"] == "/backoffice/"
    assert client.get("/backoffice/").status_code == 200


def test_a_staff_passkey_is_no_citizen_login(client, jobcenter):
    staff = make_staff(jobcenter)
    login_as(client, staff)
    authenticator = SoftPasskey()
    register(client, authenticator, prefix="/backoffice/mein-konto")
    client.post("/konto/abmelden/")
    options = _options(client, "/konto/anmelden/passkey/optionen/")
    client.post("/konto/anmelden/passkey/", {"credential": authenticator.get(options)})
    assert "_auth_user_id" not in client.session


def test_the_second_step_options_need_a_pending_login(client):
    assert client.post("/konto/anmelden/code/passkey/optionen/").status_code == 404
    assert client.post("/backoffice/mein-konto/anmeldung/passkey/optionen/").status_code == 404


@pytest.mark.parametrize(
    "credential", ["", "kaputt", "[]", '{"id": "x"}', '{"id": "x", "response": {"a": 1}}']
)
def test_malformed_answers_are_refused_with_a_message(client, credential):
    citizen = make_citizen()
    login_as(client, citizen)
    _options(client, "/konto/passkeys/optionen/")
    response = client.post("/konto/passkeys/neu/", {"credential": credential, "name": "x"})
    assert response["Location"] == "/konto/passkeys/"
    assert not Passkey.objects.filter(user=citizen).exists()
    client.post("/konto/abmelden/")
    _options(client, "/konto/anmelden/passkey/optionen/")
    response = client.post("/konto/anmelden/passkey/", {"credential": credential})
    assert response["Location"].startswith("/konto/anmelden/")
