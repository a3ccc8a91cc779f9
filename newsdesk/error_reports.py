"""What Django's error pages and e-mails may show of the settings, the environment and local variables.

Django's own filter hides settings whose names say KEY, PASS, TOKEN and the
like, but connection URLs (DATABASE_URL, CELERY_BROKER_URL, ...) carry their
passwords inside, under names it does not match, and the debug page lists the
environment (runserver copies it into request.META) and every frame's locals.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

# The password part of scheme://user:password@host, as in every *_URL setting.
URL_PASSWORD = re.compile(r"(\b[a-z][\w+.-]*://[^\s/@:]*:)[^\s/@]*@", re.IGNORECASE)


class HideSecrets(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|BROKER|DATABASE_URL|REPLICA_URL|CACHE_URL|DSN",
        re.IGNORECASE,
    )

    def cleanse_setting(self, key, value):
        cleansed = super().cleanse_setting(key, value)
        if type(cleansed) is str:  # not a lazy object, which only claims to be one
            return URL_PASSWORD.sub(rf"\g<1>{self.cleansed_substitute}@", cleansed)
        return cleansed

    def cleanse_special_types(self, request, value):
        """A frame's local: connection parameters and URLs lose their passwords too, even with DEBUG on."""
        value = super().cleanse_special_types(request, value)
        if type(value) in (dict, str):
            try:
                return self.cleanse_setting("", value)
            except Exception:  # a dict with keys that are not strings, say: show it as Django would
                return value
        return value
