from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("articles/", views.article_list, name="list"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("statements/", views.statement_list, name="statements"),
]
