"""Production settings, security headers, login throttling and escaping of user text."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model

from resolutions.models import Action
from tests import factories as f

PROD_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-real-secret-would-be-random-and-long-0123456789",
    "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
}


def manage(*args, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_warnings_with_production_variables():
    result = manage("check", "--deploy", env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_production_refuses_to_start_with_a_short_secret_key():
    result = manage("check", env={**PROD_ENV, "DJANGO_SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def settings_value(expression, env):
    code = f"from django.conf import settings; print(repr(({expression})))"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_behaviour_is_the_default(tmp_path):
    """With no variable set, debug is off and HTTPS is required; the secret key is generated
    once into a private file and reused, so `make run` needs no configuration."""
    key_file = tmp_path / "secret"
    env = {"DJANGO_SECRET_KEY_FILE": str(key_file)}
    first = settings_value(
        "settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS, settings.SECRET_KEY",
        env,
    )
    assert first.startswith("(False, True, True, 31536000, '")
    key = key_file.read_text().strip()
    assert len(key) >= 50 and key in first
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert key in settings_value("settings.SECRET_KEY", env)  # the same key next time

    # `make run` serves plain HTTP on this machine: no redirect, no Secure cookies, no HSTS.
    plain = settings_value(
        "settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS",
        {**env, "DJANGO_HTTPS": "false"},
    )
    assert plain == "(False, False, False, 0)"


def test_malformed_setting_fails_loudly_naming_the_variable():
    result = manage("check", env={"DJANGO_DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='perhaps' is not a boolean" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_every_response(client):
    for url in ["/", "/statuses/", "/admin/login/", "/no-such-page/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = csp.split("script-src")[1].split(";")[0]
        assert "'self'" in script_src and "'unsafe-inline'" not in script_src
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_and_are_logged(client, caplog):
    get_user_model().objects.create_user("officer", password="right-password-123", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/?next=/admin/", {"username": "officer", "password": "wrong"})
    locked = client.post(
        "/admin/login/?next=/admin/", {"username": "officer", "password": "right-password-123"}
    )
    assert locked.status_code == 429
    assert "Sign-in temporarily locked" in locked.content.decode()
    assert any("locking out" in r.getMessage().lower() for r in caplog.records)
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="officer", failures_since_start__gte=5).exists()


@pytest.mark.django_db
def test_successful_login_still_works(client):
    get_user_model().objects.create_user("officer", password="right-password-123", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "officer", "password": "right-password-123"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_is_escaped_on_public_pages(client, seeded, payload):
    network = Action.objects.get(key="network")
    f.update(
        network,
        "in_progress",
        "2019-01-01",
        note=f"Note {payload}",
        evidence_source=f.source(title=f"Evidence {payload}"),
    )
    f.paragraph(
        seeded,
        "99",
        text=f"Text {payload}",
        text_provenance="paraphrase",
        text_source=f.source(),
        summary=f"Summary {payload}",
    )
    pages = [
        "/",
        f"/resolutions/{seeded.slug}/",
        f"/resolutions/{seeded.slug}/paragraphs/99/",
        f"/actions/{network.pk}/",
    ]
    escaped = {
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
    }
    for url in pages:
        body = client.get(url).content.decode()
        assert payload not in body, url
        assert any(e in body for e in escaped), url
