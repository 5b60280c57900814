from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login, name="account_login"),
    path(
        "confirm-email/",
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    path("username/recover/", views.recover_username, name="account_recover_username"),
    path(
        "username/recover/done/",
        views.recover_username_done,
        name="account_recover_username_done",
    ),
    path(
        "sessions/<int:pk>/end/",
        views.end_session,
        name="account_end_session",
    ),
]
