"""Guess the language of a text dump's body from its most common words.

Text dumps carry no `lang` attribute. Function words give the language away
after a few sentences; a guess is returned only when one language clearly leads.
"""

import re
from collections import Counter

STOPWORDS = {
    "en": "the and of to in is that for on with was said as by at from it has have will be are not this an",
    "de": "der die und das ist nicht mit den von zu sich des auf für im dem ein eine auch es sie wird hat",
    "fr": "le la les et des du est une un que dans pour qui sur pas au il elle par avec ont sont été aux",
    "es": "el la los las y de que en un una es por con para del se su al lo como más pero fue han",
    "it": "il la di che e è per un una del della non sono con si da gli le al ha anche nel",
    "nl": "de het een en van is dat op te in met voor niet zijn er aan ook door werd bij om",
    "pl": "i w na z że się nie do to jest o jak ale po od przez dla tak być jego",
    "pt": "o a os as e de do da que em um uma para com não por se mais foi ao dos das",
    "uk": "і в на з що не до у та це як за від для його але було є також вже про",
    "ru": "и в на с что не по это как из за от для его но было уже также он она они",
}
WORDS = {lang: set(words.split()) for lang, words in STOPWORDS.items()}
# Each stopword's languages, so a text is read once rather than once per language.
LANGUAGES_OF = {}
for _lang, _words in WORDS.items():
    for _word in _words:
        LANGUAGES_OF.setdefault(_word, []).append(_lang)
TOKEN = re.compile(r"[^\W\d_]+")

# A language must own this share of the words, and lead the next one by this factor.
MIN_SHARE = 0.08
MIN_LEAD = 1.5


def guess_language(text):
    """An ISO 639-1 code ("en", "de", "uk", ...) or None when the text does not say clearly."""
    tokens = TOKEN.findall(text[:20_000])
    if len(tokens) < 20:
        return None
    counts = dict.fromkeys(WORDS, 0)
    # Each distinct word is looked up once, with how often it comes.
    for t, n in Counter(map(str.lower, tokens)).items():
        for lang in LANGUAGES_OF.get(t, ()):
            counts[lang] += n
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SHARE * len(tokens) or top < MIN_LEAD * second:
        return None
    return best
