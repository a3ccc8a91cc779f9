"""Filters for the log handlers in settings.LOGGING."""

import logging
import re

# The key is the first path segment after /feeds/, also behind doubled slashes or
# dot segments (/feeds//KEY/, /feeds/./KEY/), which reach Django unnormalised.
FEED_KEY = re.compile(r"(/feeds(?:/+\.{1,2}(?=/))*/+)(?!<)[^/\s?#\"'<>]+")


class RedactFeedKeys(logging.Filter):
    """Hide the secret key in feed URLs, whoever logs them.

    A feed URL is as good as a password for reading feeds. The feed views log
    their refusals by URL pattern, but Django's request and server loggers log
    the path of a 404 or an error as it came.
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = FEED_KEY.sub(r"\1<key>", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
