from django.urls import path

from . import feed_views, upload_views, views

app_name = "articles"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("articles/", views.article_list, name="list"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("statements/", views.statement_list, name="statements"),
    path("utterances/<int:pk>/", views.utterance_detail, name="utterance"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_statement, name="review-statement"),
    path("review/restart/", views.review_restart, name="review-restart"),
    path("outlets/", views.outlet_list, name="outlets"),
    path("searches/", views.saved_search_create, name="search-save"),
    path("searches/<int:pk>/", views.saved_search_open, name="search-open"),
    path("searches/<int:pk>/change/", views.saved_search_change, name="search-change"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("add/", upload_views.add_pages, name="add"),
    path("add/uploads/", upload_views.upload_list, name="uploads"),
    path("add/uploads/<int:pk>/", upload_views.upload_detail, name="upload"),
    # Feed readers cannot log in: the key in the URL stands in for the session.
    path("feeds/<slug:key>/<slug:name>/", feed_views.key_feed, name="feed"),
    path("account/feeds/", feed_views.account_feeds, name="account-feeds"),
]
