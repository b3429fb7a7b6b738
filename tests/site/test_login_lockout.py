"""Guessing passwords on the admin login: a few tries, then a lockout an administrator can lift."""

import pytest
from django.urls import reverse

from tests.factories import make_editor, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.9"


def try_login(client, username, password, address=ATTACKER):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_lock_the_login_out_after_five(client):
    make_editor(username="bientap", password="the-right-Pass-1")
    answers = [try_login(client, "bientap", f"guess-{n}") for n in range(30)]

    # Django's login form answers the first four normally (200, "correct username").
    assert [r.status_code for r in answers[:4]] == [200] * 4
    assert all("login-form" in r.content.decode() for r in answers[:4])
    assert {r.status_code for r in answers[4:]} == {429}
    page = answers[-1].content.decode()
    assert '<html lang="vi"' in page
    assert "Đăng nhập sai quá nhiều lần" in page
    assert "60 phút" in page
    assert "login-form" not in page and "nav-sidebar" not in page


def test_the_right_password_is_refused_while_locked_out(client):
    make_editor(username="bientap", password="the-right-Pass-1")
    for n in range(5):
        try_login(client, "bientap", f"guess-{n}")
    response = try_login(client, "bientap", "the-right-Pass-1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_lockout_holds_only_for_that_username_and_address(client):
    make_editor(username="bientap", password="the-right-Pass-1")
    for n in range(5):
        try_login(client, "bientap", f"guess-{n}")
    # The editor, logging in from the newsroom's own address, is not locked out.
    assert (
        try_login(client, "bientap", "the-right-Pass-1", address="198.51.100.7").status_code == 302
    )


def test_an_administrator_sees_the_lockout_and_lifts_it(client):
    make_editor(username="bientap", password="the-right-Pass-1")
    for n in range(6):
        try_login(client, "bientap", f"guess-{n}")

    admin = make_user(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = client.get(changelist, {"locked_out": "yes"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "bientap" in html and ATTACKER in html

    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="bientap")
    assert attempt.failures_since_start >= 5
    lifted = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert lifted.status_code == 302
    assert not AccessAttempt.objects.exists()
    client.logout()

    assert try_login(client, "bientap", "the-right-Pass-1").status_code == 302
    assert client.get("/admin/").status_code == 200
