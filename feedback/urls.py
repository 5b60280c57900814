from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("articles/<int:pk>/feedback/", views.vote, name="vote"),
]
