"""Two-step sign-in driven as a reader does it, with codes computed by
PyOTP (RFC 6238) from the setup key the page shows, as a phone app would."""

import re
import time

import pyotp

from .helpers import STRONG_PASSWORD

ACTIVATE = "/en/accounts/2fa/totp/activate/"
AUTHENTICATE = "/en/accounts/2fa/authenticate/"
RECOVERY_CODES = "/en/accounts/2fa/recovery-codes/"


def code(secret, steps=0):
    """The authenticator app's code, `steps` periods of 30 s from now."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps)


def confirm_password(client, response, password=STRONG_PASSWORD):
    """Answer the "confirm your password" page `response` redirected to."""
    assert "/accounts/reauthenticate/" in response["Location"], response["Location"]
    return client.post(response["Location"], {"password": password})


def setup_key(page):
    return re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)


def enrol(client, password=STRONG_PASSWORD, language="en"):
    """Turn on the authenticator app for the signed-in account; its secret."""
    activate = ACTIVATE.replace("/en/", f"/{language}/")
    response = client.get(activate)
    if response.status_code == 302:
        confirm_password(client, response, password)
        response = client.get(activate)
    secret = setup_key(response.content.decode())
    done = client.post(activate, {"code": code(secret)})
    assert done.status_code == 302, done.content.decode()
    return secret


def recovery_codes(client):
    page = client.get(RECOVERY_CODES).content.decode()
    return re.findall(r"<li>(\d{8})</li>", page)
