from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("support/", views.support, name="form"),
    path("support/sent/", views.sent, name="sent"),
    path("support/suggested/", views.suggested, name="suggested"),
    path("support/suggestions/", views.live_suggestions, name="suggestions"),
]
