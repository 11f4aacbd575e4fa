"""The search page and its autocomplete, included under each language prefix by `dcaht.urls`."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="search"),
    path("autocomplete/", views.autocomplete, name="search_autocomplete"),
]
