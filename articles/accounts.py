"""Logging in, and password resets: offered only where e-mail is set up, and rate-limited.

Without DJANGO_EMAIL_HOST a reset could never arrive, so the page is not
there (404) and the login page does not link to it. With e-mail, each client
address and each e-mail address may ask PASSWORD_RESETS_PER_HOUR times an
hour: the form mails whoever an address belongs to, so unlimited it is a way
to flood a colleague's inbox (and the mail server's reputation).
"""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import Http404

HOUR = 3600


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "password_reset_offered": settings.EMAIL_ENABLED}


class PasswordResetView(auth_views.PasswordResetView):
    def dispatch(self, request, *args, **kwargs):
        if not settings.EMAIL_ENABLED:
            raise Http404("Password resets need e-mail, which is not set up here.")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        address = self.request.META.get("REMOTE_ADDR", "")
        if over_limit(f"address:{address}") | over_limit(f"email:{email}"):
            form.add_error("email", "Too many password reset requests. Try again in an hour.")
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def over_limit(who):
    """Count one reset request of `who`; whether it is past this hour's limit."""
    key = "password-reset:" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, HOUR)
        count = 1
    return count > settings.PASSWORD_RESETS_PER_HOUR
