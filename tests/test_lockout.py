"""Login lock-out (django-axes): who can unlock, and which address is throttled behind a proxy
(issue #17)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from tests import staff
from tests.conftest import EnglishByDefaultClient
from tests.test_security import manage
from tracker.client_ip import client_ip

PASSWORD = "right-password-123"


def fail_five_times(client, username, **extra):
    for _ in range(5):
        client.post(
            "/admin/login/?next=/admin/", {"username": username, "password": "wrong"}, **extra
        )


def sign_in(client, username, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}, **extra
    )


@pytest.mark.django_db
def test_the_lockout_page_says_who_can_unlock(client):
    get_user_model().objects.create_user("officer", password=PASSWORD, is_staff=True)
    fail_five_times(client, "officer")
    page = sign_in(client, "officer")
    assert page.status_code == 429
    text = page.content.decode()
    assert "Administrator role" in text and "Access attempts" in text
    assert "manage.py axes_reset_username" in text


@pytest.mark.django_db
def test_an_administrator_sees_lockouts_and_unlocks_an_account_in_the_admin(client):
    get_user_model().objects.create_user("officer", password=PASSWORD, is_staff=True)
    fail_five_times(client, "officer")
    assert sign_in(client, "officer").status_code == 429
    attempt = AccessAttempt.objects.get(username="officer")

    admin = staff.client_for(EnglishByDefaultClient(), staff.user("administrator"))
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "officer" in listing.content.decode()
    confirm = admin.get(f"/admin/axes/accessattempt/{attempt.pk}/delete/")
    assert confirm.status_code == 200
    done = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert done.status_code == 302 and not AccessAttempt.objects.exists()

    unlocked = sign_in(EnglishByDefaultClient(), "officer")
    assert unlocked.status_code == 302 and unlocked["Location"] == "/admin/"


@pytest.mark.django_db
def test_other_roles_cannot_unlock():
    reviewer = staff.client_for(EnglishByDefaultClient(), staff.user("reviewer"))
    assert reviewer.get("/admin/axes/accessattempt/").status_code == 403


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_proxies_the_client_is_read_that_many_entries_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", "198.51.100.7")) == "198.51.100.7"
    # A client that forges the header only adds entries on the left.
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    # Fewer entries than proxies, or garbage: the proxy's own address, never a forged one.
    assert client_ip(_request("10.0.0.3", "198.51.100.7")) == "10.0.0.3"
    assert client_ip(_request("10.0.0.3", "x, not-an-ip, 10.0.0.2")) == "10.0.0.3"
    assert client_ip(_request("10.0.0.3")) == "10.0.0.3"


@pytest.mark.django_db
def test_behind_a_proxy_one_attacker_cannot_lock_an_account_for_everyone(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user("officer", password=PASSWORD, is_staff=True)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = EnglishByDefaultClient()
    fail_five_times(attacker, "officer", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert sign_in(
        attacker, "officer", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy
    ).status_code == (429)
    # The officer, through the same proxy from their own address, still signs in.
    officer = sign_in(
        EnglishByDefaultClient(), "officer", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert officer.status_code == 302


@pytest.mark.parametrize(
    "env, says",
    [
        ({"DJANGO_BEHIND_PROXY": "true", "DJANGO_TRUSTED_PROXY_COUNT": "two"}, "is not an integer"),
        ({"DJANGO_BEHIND_PROXY": "true", "DJANGO_TRUSTED_PROXY_COUNT": "0"}, "between 1 and 10"),
        ({"DJANGO_TRUSTED_PROXY_COUNT": "1"}, "DJANGO_BEHIND_PROXY is not true"),
    ],
)
def test_a_bad_proxy_setting_stops_the_app_naming_the_variable(env, says):
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stderr and says in result.stderr
