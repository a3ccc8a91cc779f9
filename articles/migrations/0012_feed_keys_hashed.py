"""Feed keys stored as hashes, no longer as themselves.

A stored key becomes its hash, so its feed URLs go on working; it has no
nonce, so the pages cannot show it again, and the user's next visit to a list
or their feeds page renews it (FeedToken.renew), keeping the old one working
until they revoke. Going back gives every user a new random key.
"""

import hashlib
import secrets

import articles.models
from django.db import migrations, models


def hash_keys(apps, schema_editor):
    FeedToken = apps.get_model("articles", "FeedToken")
    for token in FeedToken.objects.all():
        token.key_hash = hashlib.sha256(token.key.encode()).hexdigest()
        token.key_prefix = token.key[:4]
        token.nonce = ""
        token.save(update_fields=["key_hash", "key_prefix", "nonce"])


def new_random_keys(apps, schema_editor):
    FeedToken = apps.get_model("articles", "FeedToken")
    for token in FeedToken.objects.all():
        token.key = secrets.token_urlsafe(32)
        token.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_unique_article_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedtoken",
            name="nonce",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="feedtoken",
            name="key_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="feedtoken",
            name="key_prefix",
            field=models.CharField(default="", editable=False, max_length=4),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="feedtoken",
            name="previous_key_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        # Not unique while it is dropped, so that going back can add it to many rows before filling it.
        migrations.AlterField(
            model_name="feedtoken",
            name="key",
            field=models.CharField(default=articles.models.new_feed_key, max_length=64),
        ),
        migrations.RunPython(hash_keys, new_random_keys),
        migrations.AlterField(
            model_name="feedtoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="feedtoken",
            name="nonce",
            field=models.CharField(blank=True, default=articles.models.new_feed_nonce, editable=False, max_length=64),
        ),
        migrations.RemoveField(
            model_name="feedtoken",
            name="key",
        ),
    ]
