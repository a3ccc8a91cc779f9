"""Which outlet published a text dump, read from the page's own furniture.

A dump has no site-name tag, but a site names itself all over its chrome: a masthead line at the
top, a copyright line at the bottom, and phrases its menus and boxes repeat ("Follow X", "About X",
"Sign up for X Daily", "X is a ... network", "More from X", photo credits "Jane Roe/X"). Each
reader here finds such names in one line; `chrome_votes` counts how many distinct lines back each
name, so the site's own name outweighs an outlet a single line happens to mention.
"""

import re

from .furniture import PHOTO_AGENCIES, normalise

# A word of a name: "Kyiv", "BuzzFeed", "eHow", "Factorio.com", "S.Paulo".
_WORD = r"(?:[A-Z0-9][\w'’&.!-]*|[a-z]+[A-Z][\w'’&.!-]*)"
_LINK = r"(?:\s+(?:&|and|of|de|da|do|dos|das|du|des|del|di|für|en|on)(?=\s+[A-Z]))?"
_NAME = rf"(?P<name>(?:[Tt]he\s+)?{_WORD}(?:{_LINK}\s+{_WORD}){{0,3}})"

# "Follow X", "About X", "Sign up for X", "More from X", "Support X", "Welcome to X".
LEADS = re.compile(
    r"^(?i:about|contact|follow|support|subscribe to|welcome to|more from|more stories from|"
    r"(?:most )?popular(?: now)? on|advertise (?:with|on|in)|write for|work (?:at|for|with)|sign up for|"
    r"newsletters? from|à propos de|suivez|über|folgen sie|acerca de|síguenos en|get the most out of|"
    r"get(?=.*\sdelivered\b)|vous êtes abonné à|abonnez-vous à|buscar no sites? da|head over to)\s+" + _NAME
)
# "Dan is the Security Editor at X": an author box names the site the author writes for.
ROLE_AT = re.compile(
    r"\b(?i:editor|reporter|writer|correspondent|columnist|contributor|journalist)\s+(?:at|for|with)\s+" + _NAME
)
# "X homepage", "X app", "X Daily", "X Community", "X Sitemap", "X Staff".
_TAIL_WORDS = (
    r"(?i:homepage|home page|home|app|apps|newsletters?|daily|weekly|community|sitemap|site map|store|"
    r"shop|podcasts?|premium|plus|services|sponsors|staff|leadership|blog|network|corporate|editions?|"
    r"books|events|deals|jobs|careers|archives?)"
)
# The product is capitalised or ends the line ("Kyiv Ledger Daily: ...", "Wikipedia store"): "Labour
# leadership contest" is a headline.
TAILS = re.compile(_NAME + rf"\s+(?:(?=[A-Z0-9]){_TAIL_WORDS}\b|{_TAIL_WORDS}[\s.:»›]*$)")
# "X is a Vox Media network", "X is committed to ...", "X is the home of ...".
IS = re.compile(r"^" + _NAME + r"\s+(?:is|are)\s+(?:a|an|the|committed|part|owned|published|produced|home)\b")
# "Javier Roe/Vox", "Image: Jane Roe / The Verge": a photo the site credits to itself.
# The credit names a person or an agency before the slash ("Neurology / Neuroscience" is a breadcrumb).
CREDIT = re.compile(r"[A-Z][\w'’.-]*\s+[A-Z][\w'’.-]*(?:/|\s/\s)" + _NAME + r"$")
# "© 2019 X", "Copyright 2017 X. All rights reserved.", "X © 2024", "Citylab.com © 2019 The Atlantic".
# The owner runs to the first stop, comma, bar or year: "© Балтийский вестник, 2025", "© 2019 The Daily X."
COPYRIGHT = re.compile(
    # "© 2025 by X", "© 2025 – X": a word or a dash between the year and the name.
    r"(?i:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:,|[-–—]|(?i:by)\s)?\s*"
    # "© Le Monde.fr": a name may end in its domain.
    r"(?P<name>[^\W\d_][^.,|©—]{1,50}?(?:\.[a-z]{2,4}(?=[\s|,]|\.\s|\.?$))?)"
    r"(?=\s*(?:[.,|©—]|[-–]\s|(?i:all rights|alle rechte|tous droits|todos los derechos|все права|усі права)|"
    r"版权所有|版權所有|(?:19|20)\d\d|$))"
)
COPYRIGHT_AFTER = re.compile(r"^" + _NAME + r"\s*(?:®\s*)?©")
# What the site's chrome also names, but never as itself.
NOT_OUTLETS = re.compile(
    r"^(?:the )?(?:facebook|twitter|x|instagram|youtube|linkedin|pinterest|google|google\+|google play|apple|"
    r"app store|whatsapp|telegram|reddit|flipboard|tumblr|rss|email|e-mail|us|our|home|newsletters?|"
    r"news|more|menu|search|all|top|this|your|my|free|new|now|today|here|privacy|terms|cookies|"
    # Sections: "More from World" names a part of the site, not the site.
    r"world|politics|business|opinion|sports?|culture|tech|technology|science|health|europe|economy|markets|"
    r"lifestyle|travel|entertainment|local|national|international|region|weather|home page|insights|latest|"
    # "Daily Edition", "UK Edition", "Money Deals": a menu's words before a product's name.
    r"money|daily|weekly|uk|us|[a-z]|corbis|alamy|"
    # "Home" where a breadcrumb starts, in other languages.
    r"首页|首頁|主页|ホーム|홈|startseite|accueil|inicio|início|главная|головна|úvod|strona główna|"
    # A language switch names an edition, not the site.
    r"english|español|français|deutsch|italiano|português|русский|українська|中文|日本語|한국어|"
    rf"all rights reserved|{PHOTO_AGENCIES}|images?|photos?|video|[\d\s-]+)$",
    re.IGNORECASE,
)
# The account links a site's top bar holds ("Connexion Abonnement", "Heise-Foren: Einloggen | Registrieren",
# "log in sign up"): a line that is all of them, after a forum's or the site's name, names no outlet.
ACCOUNT_WORDS = (
    r"log\s?in|log\s?out|sign\s?in|sign\s?up|sign\s?out|register|subscribe|subscription|account|my account|"
    r"connexion|se connecter|abonnement|s'abonner|abonnez-vous|mon compte|einloggen|anmelden|registrieren|"
    r"abonnieren|abo|konto|entrar|assine|iniciar sesión|suscríbete|registrarse|accedi|abbonati|войти|увійти|"
    r"blog|menu|menü"
)
ACCOUNT_LINE = re.compile(
    rf"^(?:[^:|]{{1,30}}:\s*)?(?:(?:{ACCOUNT_WORDS})[\s|/·•,]*)+$",
    re.IGNORECASE,
)
# Company forms after a name in a copyright line: the publisher's legal name, not the site's.
COMPANY = re.compile(
    r"[\s,&]+(?:inc|llc|ltd|limited|gmbh|ag|a\.?s|s\.?a|s\.?l|plc|corp|corporation|co|company|group|holdings|"
    r"publishing|productions|media|medien|mediengruppe|verlag|verlagsgruppe|groupe|éditions|ediciones|"
    r"interactive|software|network|communications|ventures|enterprises|"
    r"and|&)\.?$",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 4


TRAILING_YEARS = re.compile(r"[\s,]+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$")
# A product of the site named after it: "CityLab Newsletter", "Lifehacker Followed".
POSSESSIVE = re.compile(r"['’]s$")
PRODUCT_TAIL = re.compile(r"\s+(?i:newsletters?|followed|app)$")


def strip_company(name):
    """ "Guardian News & Media Limited" -> "Guardian News"; "Vox Media" -> "Vox"."""
    while True:
        shorter = COMPANY.sub("", name)
        if shorter == name or not shorter:
            return name
        name = shorter


CONNECTORS = frozenset(["&", "and", "+", "of", "the", "in"])


def clean(name):
    """The name as a site prints it, or None when it is not one."""
    # "Atlas Obscura. All rights reserved": the name ends at its sentence.
    name = re.split(r"\.\s", normalise(name))[0]
    name = PRODUCT_TAIL.sub("", name.strip(" .,:;|»›▾-–—®"))
    # "Sign up for GitLab's newsletter": the site's name without the possessive.
    name = POSSESSIVE.sub("", name)
    # "© Le Courrier du Rhône 2025": the year is not part of the name.
    name = TRAILING_YEARS.sub("", name)
    words = name.split()
    # "￼", "•": a logo's placeholder or a bullet names nothing.
    if not any(char.isalnum() for char in name):
        return None
    if len(words) > 1 and words[-1] in ("A", "À"):
        # "Abonnez-vous à Libération A partir de 1 €": a capitalised preposition after the name.
        words.pop()
        name = " ".join(words)
    if not name or not 1 <= len(words) <= MAX_NAME_WORDS or NOT_OUTLETS.match(name) or ACCOUNT_LINE.match(name):
        return None
    # "Business News", "News & Insights": a section's name, every word of it a section's.
    if len(words) > 1 and all(NOT_OUTLETS.match(word) or word.casefold() in CONNECTORS for word in words):
        return None
    if len(words) > 1 and name.isupper():
        name = name.title()
    return name


def key(name):
    return normalise(name).casefold().removeprefix("the ").strip()


MAX_CHROME_CHARS = 160


def names_in(line):
    """Outlet names the site's chrome gives in one line (a phrase about the site itself)."""
    text = normalise(line)
    if len(text) > MAX_CHROME_CHARS:
        # A long author bio still names the site in its first sentence ("Dan is the Security Editor at X, ...").
        match = ROLE_AT.search(text[:MAX_CHROME_CHARS])
        name = match and clean(match.group("name"))
        return [name] if name else []
    found = []
    for pattern in (LEADS, TAILS, IS):
        match = pattern.match(text)
        if match:
            found.append(match.group("name"))
    match = CREDIT.search(text)
    if match and len(text.split()) <= 12:
        found.append(match.group("name"))
    match = ROLE_AT.search(text)
    if match:
        found.append(match.group("name"))
    return [name for name in map(clean, found) if name]


def copyright_owner(line):
    """(name, company) of the owner a copyright line names, the name without its company form:
    "© 2019 Guardian News & Media Limited" -> ("Guardian News", True). A company is more often the
    publisher than the site. None when the line names no one."""
    low = line.lower()
    if "©" not in line and "copyright" not in low and "(c)" not in low:
        return None
    text = normalise(line)
    if len(text.split()) > 20:
        # "© Le Monde.fr | Mentions légales | Qui sommes-nous ? | ...": the first cell of a footer's row.
        text = text.split(" | ")[0]
        if len(text.split()) > 20:
            return None
    match = COPYRIGHT.search(text) or COPYRIGHT_AFTER.match(text)
    if not match:
        return None
    full = clean(match.group("name"))
    if full is None:
        # "Nordby Ledger Media Group GmbH": too long a name until its company forms go.
        name = clean(strip_company(re.split(r"\.\s", normalise(match.group("name")))[0].strip(" .,")))
        full = name and name + " (company)"
    else:
        name = clean(strip_company(full))
    # A name, not a sentence: its first word and at least half of them capitalised.
    words = name.split() if name else []
    if not words or not _capitalised(words[0]) or sum(map(_capitalised, words)) < len(words) / 2:
        return None
    return name, name != full


def _capitalised(word):
    """A capital, or a letter of a script without case ("海港日报")."""
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def chrome_votes(lines):
    """{key: (votes, spelling)}: how many distinct lines of the page's chrome name each outlet."""
    votes, spelling, seen = {}, {}, set()
    for text in lines:
        if text in seen:
            continue
        seen.add(text)
        for name in set(names_in(text)):
            k = key(name)
            votes[k] = votes.get(k, 0) + 1
            if len(name) > len(spelling.get(k, "")):
                spelling[k] = name
    return {k: (v, spelling[k]) for k, v in votes.items()}


COPYRIGHT_YEAR = re.compile(
    r"(?i:©|\(c\)|copyright)[^\d\n]{0,30}(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)\b"
    # "1999 – 2025 © X", "2025 © X": the years before the sign.
    r"|(?<!\d)((?:19|20)\d\d)\s*(?:©|\((?i:c)\))"
)


def copyright_year(line):
    """The (last) year of a copyright line: "© 1996-2015 The Washington Post" -> 2015."""
    match = COPYRIGHT_YEAR.search(normalise(line))
    return int(match.group(1) or match.group(2)) if match else None
