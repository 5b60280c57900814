"""A real SMTP server for tests: aiosmtpd in a thread, keeping what it gets."""

import email
from email import policy

import environ
from aiosmtpd.controller import Controller

from helpcenter.tests.servers import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted"

    @staticmethod
    def text_of(message):
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html_of(message):
        return message.get_body(preferencelist=("html",)).get_content()


def start_smtp_server(settings, port=None, inbox=None):
    """Start a server and point Django's mail at it, as `EMAIL_URL` would
    (through the task queue, like every email the site sends)."""
    inbox = inbox or Inbox()
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    config = environ.Env.email_url_config(f"smtp://127.0.0.1:{port}")
    for name, value in config.items():
        setattr(settings, name, value)
    settings.EMAIL_DELIVERY_BACKEND = config["EMAIL_BACKEND"]
    settings.EMAIL_BACKEND = "helpcenter.mail.QueuedEmailBackend"
    return controller, inbox
