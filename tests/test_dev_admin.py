"""The development administrator of `make run` can save its own account (to change the admin language)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client

pytestmark = pytest.mark.django_db


def account_form_data(client, language):
    """What the browser sends from Account: every field as shown, with another admin language."""
    form = BeautifulSoup(client.get("/admin/account/").content, "html.parser").select_one("main form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") != "file":
            data[name] = field.get("value", "")
    data["locale-preferred_language"] = language
    return data


@pytest.mark.parametrize("existing", [False, True])
def test_the_dev_admin_has_a_name_and_an_email_and_saves_its_language(
    settings, tmp_path, monkeypatch, existing
):
    from home.management.commands import ensure_dev_superuser

    settings.LOCAL_DEVELOPMENT = True
    monkeypatch.setattr(ensure_dev_superuser, "PASSWORD_FILE", tmp_path / "password")
    monkeypatch.setenv("DEV_ADMIN_PASSWORD", "dev-password-for-tests")
    if existing:  # made by an earlier version, without name or e-mail
        get_user_model().objects.create_superuser("devadmin", email="", password="x")
    call_command("ensure_dev_superuser", username="devadmin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = get_user_model().objects.get(username="devadmin")
    assert user.first_name and user.last_name and user.email

    client = Client()
    # django-axes's backend needs the request (it counts failed sign-ins per client address).
    assert client.login(request=HttpRequest(), username="devadmin", password="dev-password-for-tests")
    response = client.post("/admin/account/", account_form_data(client, "nb"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.wagtail_userprofile.preferred_language == "nb"
