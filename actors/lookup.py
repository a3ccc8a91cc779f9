"""Actors by what an analyst types into a filter: a slug, a name, or any spelling of one.

"Mark Rutte", "mark rutte" and "Rutte's" find the actor whose slug is
mark-rutte; a spelling merged into another actor finds the kept one. What
fits several actors (a bare surname two people share) is ambiguous: the
caller offers the choices rather than guessing.
"""

from .models import ActorMerge, Alias
from .names import fuzzy_key, name_key, surname_key

# Beyond this many, an ambiguous name lists the most quoted.
MAX_CHOICES = 8


def actors_named(text, actors):
    """The actors of `actors` (a queryset) that `text` names, most quoted first: one when it is clear.

    Tried in turn, the first that finds anyone wins: the slug as typed, the
    spelling (case, accents and punctuation folded) of a name or alias, a
    merged actor's spelling, the spelling with transliteration folded, then
    the surname alone when only one word was typed. Text without a letter or
    digit names nobody and costs no query.
    """
    key = name_key(text)
    if not key:
        return []
    ordered = actors.order_by("-statement_count", "-article_count", "name", "pk")
    found = list(ordered.filter(slug=text)[:1])
    if found:
        return found
    # A spelling is one actor's (Alias.key is unique); a merge record counts only for a spelling no one has now.
    found = list(ordered.filter(pk__in=Alias.objects.filter(key=key).values("actor"))[:1])
    if found:
        return found
    found = list(ordered.filter(pk__in=ActorMerge.objects.filter(merged_key=key).values("kept"))[:MAX_CHOICES])
    if found:
        return found
    fuzzy = Alias.objects.filter(fuzzy=fuzzy_key(text)).values("actor")
    found = list(ordered.filter(pk__in=fuzzy)[:MAX_CHOICES])
    if found or len(key.split()) > 1:
        return found
    surname = Alias.objects.filter(surname=surname_key(text)).values("actor")
    return list(ordered.filter(pk__in=surname)[:MAX_CHOICES])
