from django.urls import path

from . import feed_views, upload_views, views

app_name = "articles"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("articles/", views.article_list, name="list"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("statements/", views.statement_list, name="statements"),
    path("add/", upload_views.add_pages, name="add"),
    path("add/uploads/", upload_views.upload_list, name="uploads"),
    path("add/uploads/<int:pk>/", upload_views.upload_detail, name="upload"),
    # Feed readers cannot log in: the key in the URL stands in for the session.
    path("feeds/<slug:key>/<slug:name>/", feed_views.key_feed, name="feed"),
    path("account/feeds/", feed_views.account_feeds, name="account-feeds"),
]
