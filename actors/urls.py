from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("", views.actor_list, name="list"),
    # Not a slug (the dot), so no actor's page can be shadowed by it.
    path("suggest.json", views.actor_suggest, name="suggest"),
    path("<slug:slug>/", views.actor_detail, name="detail"),
]
