"""Signing up, confirming the address, signing in and resetting the password, by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client

from sozialraum.accounts.models import User
from tests.conftest import verify_email
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_confirm_by_mail_and_be_signed_in(client: Client):
    response = client.post(
        "/de/konto/signup/",
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/de/konto/confirm-email/"
    assert not client.get("/de/konto/uebersicht/").wsgi_request.user.is_authenticated

    (message,) = mail.outbox
    assert message.to == ["neu@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "Guten Tag," in message.body
    confirm_url = link_in(message)
    assert confirm_url.startswith("/de/konto/confirm-email/")

    page = client.get(confirm_url)
    assert "Bitte bestätigen Sie, dass neu@example.org Ihre E-Mail-Adresse ist." in (
        page.content.decode()
    )
    response = client.post(confirm_url)
    assert response.status_code == 302
    dashboard = client.get(response["Location"], follow=True)
    assert dashboard.wsgi_request.user.email == "neu@example.org"
    assert "Sie sind angemeldet als neu@example.org." in dashboard.content.decode()


def test_sign_up_needs_matching_passwords(client: Client):
    html = client.post(
        "/de/konto/signup/",
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    ).content.decode()
    assert 'id="id_password2_error"' in html
    assert not User.objects.filter(email="neu@example.org").exists()


def test_sign_in_with_email_and_password(client: Client):
    user = UserFactory()
    verify_email(user)
    response = client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/de/konto/uebersicht/"
    assert client.get("/de/konto/uebersicht/").status_code == 200


def test_signing_in_remembers_the_language_for_our_emails(client: Client):
    user = UserFactory()
    verify_email(user)
    assert user.mail_language == "de"
    client.post("/en/konto/login/", {"login": user.email, "password": PASSWORD})
    user.refresh_from_db()
    assert user.language == "en" and user.mail_language == "en"


def test_wrong_password_is_answered_in_plain_words(client: Client):
    user = UserFactory()
    verify_email(user)
    html = client.post(
        "/de/konto/login/", {"login": user.email, "password": "falsch"}
    ).content.decode()
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in html
    assert 'role="alert"' in html


def test_unconfirmed_address_gets_a_confirmation_mail_instead_of_a_session(client: Client):
    user = UserFactory()
    response = client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/de/konto/confirm-email/"
    assert len(mail.outbox) == 1


def test_locked_account_cannot_sign_in(client: Client):
    user = UserFactory(is_active=False)
    verify_email(user)
    response = client.post(
        "/de/konto/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "Konto gesperrt" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_password_reset_by_mail(client: Client):
    user = UserFactory()
    verify_email(user)
    response = client.post("/de/konto/password/reset/", {"email": user.email})
    assert response["Location"] == "/de/konto/password/reset/done/"
    (message,) = mail.outbox
    assert message.subject == "Neues Passwort festlegen"
    reset_url = link_in(message)

    form_page = client.get(reset_url, follow=True)
    assert "Neues Passwort festlegen" in form_page.content.decode()
    new_password = "Ganz-neues-Passwort-77"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url,
        {"password1": new_password, "password2": new_password},
    )
    assert response["Location"] == "/de/konto/password/reset/key/done/"
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client: Client):
    response = client.post("/de/konto/password/reset/", {"email": "niemand@example.org"})
    assert response["Location"] == "/de/konto/password/reset/done/"
    (message,) = mail.outbox
    assert message.subject == "Kein Konto zu dieser E-Mail-Adresse"


def test_reading_never_needs_an_account(client: Client):
    for url in ("/de/", "/de/angebote/", "/de/sozialatlas/", "/de/veranstaltungen/"):
        assert client.get(url).status_code == 200


def test_account_mails_are_signed_with_the_city_name(client, mailoutbox):
    from sozialraum.core.models import SiteSettings

    SiteSettings.objects.filter(pk=SiteSettings.load().pk).update(city_name_de="Neustadt")
    client.post(
        "/de/konto/signup/",
        {
            "email": "neu@example.org",
            "password1": "Ein-langes-Passwort-99",
            "password2": "Ein-langes-Passwort-99",
        },
    )
    assert "Ihr Team von Neustadt" in mailoutbox[-1].body
