"""An editor sets up two-step sign-in, as staff must before the admin
answers, then signs in to the admin with a code from the app (computed by
PyOTP from the setup key on the page), all without JavaScript; the account
pages pass axe in both languages."""

from pathlib import Path

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .helpers import PHONE, AxeReport

pytestmark = [pytest.mark.e2e, pytest.mark.staff_mfa]

PASSWORD = "an editor's long passphrase"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture
def editor(site, settings):
    # Hashing is not under test here (the journey hashes the password five
    # times): Django's quick test hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_user(
        "editor", "editor@example.com", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(page, site, path="/admin/"):
    page.goto(f"{site}{path}")
    page.locator("input[name=login]").fill("editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def confirm_password(page):
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def test_an_editor_enrols_then_signs_in_to_the_admin_with_a_code(
    site, editor, new_page
):
    page = new_page(java_script_enabled=False)
    sign_in(page, site)
    # The admin sends staff without a second factor to the setup page, which
    # first asks for the password again.
    page.wait_for_url(f"{site}/en/accounts/reauthenticate/**")
    confirm_password(page)
    page.wait_for_url(f"{site}/en/accounts/2fa/totp/activate/")
    assert page.get_by_text("Staff accounts must sign in with a second step").count()
    secret = page.locator("#totp-secret").inner_text()
    page.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_url(f"{site}/en/accounts/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    page.goto(f"{site}/admin/")
    assert page.get_by_role("heading", name="Site administration").is_visible()

    # Another browser: password, then a code, then the admin.
    other = new_page(java_script_enabled=False)
    sign_in(other, site)
    other.wait_for_url(f"{site}/en/accounts/2fa/authenticate/")
    other.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    other.get_by_role("button", name="Sign in", exact=True).click()
    other.wait_for_url(f"{site}/admin/")
    assert other.get_by_role("heading", name="Site administration").is_visible()


@pytest.mark.parametrize(("language", "device"), [("en", "desktop"), ("fr", "phone")])
def test_the_two_step_pages_pass_axe_and_the_setup_page_is_pictured(
    site, editor, new_page, language, device
):
    axe = AxeReport()
    page = new_page(
        locale=f"{language}-FR", **({"viewport": PHONE} if device == "phone" else {})
    )
    sign_in(page, site, path=f"/{language}/accounts/login/")
    page.wait_for_url(f"{site}/{language}/**")
    page.goto(f"{site}/{language}/accounts/2fa/totp/activate/")
    axe.check(page, "confirm password")
    confirm_password(page)
    page.wait_for_url(f"{site}/{language}/accounts/2fa/totp/activate/")
    axe.check(page, "setup")
    page.screenshot(
        path=SCREENSHOTS / f"two-step-setup-{device}-{language}.png",
        full_page=True,
        animations="disabled",
    )
    secret = page.locator("#totp-secret").inner_text()
    page.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{site}/{language}/accounts/2fa/recovery-codes/")
    axe.check(page, "recovery codes")
    for path in ("2fa/", "2fa/webauthn/add/", "sessions/", "2fa/totp/deactivate/"):
        page.goto(f"{site}/{language}/accounts/{path}")
        axe.check(page, path)
    axe.assert_clean()
