from django.urls import path

from . import feedback_views, search_views, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "categories/<int:pk>-<str:slug>/",
        views.category_detail,
        name="category",
    ),
    path("articles/<int:pk>-<str:slug>/", views.article_detail, name="article"),
    path("search/", views.search, name="search"),
]

# "Did this answer your question?" (issue #4).
urlpatterns += [
    path("articles/<int:pk>/feedback/", feedback_views.vote, name="feedback"),
]

# Suggestions as readers type in a search box (issue #6).
urlpatterns += [
    path("search/suggestions/", search_views.suggestions, name="search_suggestions"),
]
