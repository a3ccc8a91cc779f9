"""Known page furniture in plain-text dumps: the words sites put around an article.

The stripper in `text_dump` decides mostly on the shape of lines (length,
sentences, runs of short lines, repeats, position). This lexicon adds what the
shape cannot tell: a one-line "Subscribe" box, a photo credit, an error page.
Each entry is a regular expression matched at the start of a line (quotes and
case normalised), with the kind of furniture it marks:

- STOP: a label after which nothing is article text ("Most popular",
  "Legal Disclaimer:", "Tags:", "Author: ...", "Source").
- DROP: a line to leave out wherever it is (menus, appeals, captions, audio
  notes, error-page text, inline teasers such as "Read also: ...").

Add phrases in other languages here, not in the stripper.
"""

import functools
import re

STOP = "stop"
DROP = "drop"

# Labels that end the article when they stand alone on a line (or lead a short
# line). A label followed by a headline on the same line is an inline teaser:
# see TEASER_LABELS.
STOP_LABELS = [
    # English
    r"most (popular|read|viewed|shared)( (stories|articles|news|now|this week|today))?",
    r"(popular|trending|top) (now|stories|news|today|articles)",
    r"related( (articles?|stories|news|posts|content|coverage|reading|topics))?",
    r"(you )?(may|might) (also )?(like|be interested in|have missed)",
    r"recommended( for you| stories| articles)?",
    r"editors'? picks?",
    r"more (news|stories|articles|from|on this|in)( .{0,40})?",
    r"(latest|other|further) (news|stories|articles)",
    r"read (more|next)",
    r"(legal )?disclaimer",
    r"(tags?|topics?|keywords|filed under|categories|category)( ?:.*)?",
    r"(comments?|no comments?|comments ?\(?\d*\)?|comments ?no comments?|leave a (comment|reply)|join the discussion)",
    r"(\d+ )?(comments?|responses?|replies)( \(\d+\))?|(post|add|write|submit) (a |your )?(comment|reply)|"
    r"comments (are|have been) (closed|disabled)|(show|view|read|load) (all )?(\d+ )?comments|"
    r"(sign|log) in to (comment|reply)|conversation|discussion",
    r"about the author",
    r"author ?:.*",
    r"sources?",
    r"source ?:.*",
    r"(copyright|©|\(c\)) .*",
    r".{0,60}all rights reserved\.?",
    r"(we recommend|see also|sponsored (content|links|stories)|promoted (content|stories))",
    r"(suggested|related|popular|trending) (topics|tags|searches)( ?:.*)?|our standards ?:.*",
    # German, French, Spanish, Italian
    r"(meistgelesen|mehr zum thema|das könnte sie (auch )?interessieren|weitere artikel|ähnliche artikel|quelle ?:.*)",
    r"(kommentare( \(\d+\))?|kommentieren|leserkommentare|diskussion|kommentar schreiben)",
    r"(les plus lus|sur le même sujet|à lire aussi|articles similaires|source ?:.*)",
    r"(commentaires?( \(\d+\))?|réagir|réagissez|laisser un commentaire|les plus partagés)",
    r"(lo más leído|las más leídas|lo más visto|(noticias|artículos|notas) relacionad[ao]s|te puede interesar|"
    r"fuente ?:.*)",
    r"(comentarios?( \(\d+\))?|enviá tu comentario|deja (un|tu) comentario|comparte tu opinión)",
    r"(i più letti|articoli correlati|potrebbe interessarti|fonte ?:.*|commenti( \(\d+\))?)",
    # Portuguese
    r"(leia também|mais lidas?|(notícias|artigos|matérias) relacionad[ao]s|veja também|comentários( \(\d+\))?|"
    r"fonte ?:.*)",
    # Czech, Polish
    r"(související( články)?|nejčtenější|komentáře|zdroj ?:.*|podobne artykuły|najczęściej czytane|komentarze)",
    # Ukrainian, Russian
    r"(популярне|найпопулярніше|новини по темі|схожі новини|джерело ?:.*|теги ?:.*|коментарі)",
    r"(самое читаемое|популярное|новости по теме|похожие новости|источник ?:.*|теги ?:.*|комментарии)",
]
# Chinese and Japanese labels (often set in 【】 brackets), tried only on lines in those scripts.
CJK_STOP_LABELS = [
    r"[【\[]?(相关(阅读|新闻|文章|推荐|报道|链接)|推荐阅读|延伸阅读|热门(文章|推荐|新闻)|精彩(推荐|视频推荐|图片)|"
    r"猜你喜欢|热点推荐|我要评论.*|网友评论|发表评论|"
    r"関連(記事|ニュース|リンク)|(注目|おすすめ|人気)の?(記事|ニュース|ビジネスニュース)|アクセスランキング.*|"
    r"コメント(を書く|一覧)?)[】\]]?",
]

# "Read also: <headline>" inside an article: drop the line, keep reading.
TEASER_LABELS = [
    r"(read|see|watch|listen)( also| more| next)?( on| at| in)? [^:]{0,40}: .+",
    r"(read|see) also\b.*",
    r"related ?: .+",
    # A wiki's pointers to its other pages over a section.
    r"(main articles?|further information|see also) ?: .+",
    r"(also read|don't miss|must read|recommended|more) ?: .+",
    r"(lesen sie auch|auch interessant|mehr dazu) ?:? .+",
    r"(lire aussi|à lire|voir aussi) ?:? .+",
    r"(lee también|leer más|ver también) ?:? .+",
    r"(leggi anche) ?:? .+",
    r"(leia também|veja também|leia mais) ?:? .+",
    r"(читайте також|читайте также|дивіться також|смотрите также) ?:? .*",
]

WIKI_TAGLINE = (
    r"from [\w .'’-]{2,40}, the free (encyclopedia|dictionary|encyclopaedia)|"
    r"aus wikipedia, der freien enzyklopädie|un article de wikipédia, l'encyclopédie libre"
)

# A button under a post's headline: the author's profile, following, and the editors' moderation.
POST_BUTTON = r"x?(profile|follow(ed|ing)?|unfollow|delete|invite( manually)?|promote|hide|dismiss|undismiss)"

# Page chrome: menus, accounts, forms, appeals, sharing, ads, error pages.
DROP_LINES = [
    r"(skip|jump) to (main )?(content|navigation|search)( (skip|jump) to (main )?(content|navigation|search))?|"
    r"zum inhalt springen|direkt zum inhalt|zum hauptinhalt|aller au contenu( principal)?|"
    r"ir al contenido|перейти до (вмісту|змісту)|перейти к (основному )?(содержимому|содержанию)|"
    r"(skip|jump) to: ?(content|navigation)(, ?(content|navigation|search))*",
    # A wiki's tagline under the page's title.
    WIKI_TAGLINE,
    r"(подписывайтесь|підписуйтесь|subscribe|join|follow)( us)? (на|to|our|on|us on)\b.{0,40}"
    r"\b(telegram|канал|channel|viber|whatsapp)\b.*",
    r"(main )?menu|navigation|search|home|homepage|log ?in|sign ?in|sign ?up|log ?out|register|my account|"
    r"close|back to top|print|e-?mail|copy link|print this (page|article)",
    # The account links side by side: "Sign in / Sign up", "Log in or register".
    r"(log ?in|sign ?in|sign ?up|register)( ?(/|\||or) ?(log ?in|sign ?in|sign ?up|register))+",
    r"(gift )?membership.*|become a (member|subscriber|patron|supporter).*|join (us|now|today)|"
    r"support (us|our (work|journalism))|donate( now| today)?|subscribe( now| today| here)?",
    r"subscribe to .{0,60}|sign up (for|to) .{0,60}|get (our|the) .{0,40}newsletter.*|newsletters?( image)?|"
    r"all newsletters.*|enter your e-?mail.*|please,? enter (a )?(valid|correct) e-?mail.*|\* ?indicates required|"
    r"successful+y subscribed.*|thank you for (signing up|subscribing).*|you have been subscribed.*",
    r"((your|votre|ihre|tu|su) )?(e-?mail|adresse e-?mail|e-?mail-adresse|correo electrónico)"
    r"( address| adresse)?( \*)?|"
    r"s'inscrire|inscrivez-vous|je m'inscris|jetzt anmelden|anmelden|registrieren|suscríbase|regístrate",
    r"(cet article|this (article|story)|dieser artikel) (vous est offert|is free( to read)?|ist (frei|kostenlos)).*",
    # Legal and reproduction notices.
    r"(reproduction|republication|redistribution|reprinting|copying)\b.{0,80}\b(without|sans|prohibited|interdite|"
    r"forbidden|not permitted)\b.*|"
    r"(nachdruck|vervielfältigung|weiterverbreitung)\b.{0,60}\b(nur|untersagt|verboten)\b.*|"
    r"no part of this .{0,60} may be reproduced.*|"
    r"tous droits réservés|alle rechte vorbehalten|todos los derechos reservados",
    r"(advertisement|advertising|sponsored|promoted|ad|anzeige|werbung|publicité|publicidad|pubblicità|реклама)",
    r"(scroll|continue reading|story continues|article continues|content continues)( below| to continue)?.*|"
    r"loading\.*|please wait\.*|(additional )?(reporting|writing|editing) by .*|"
    r".{0,80}\b(contributed|contributing) (reporting )?(to )?(this|the) (report|story|article)\.?",
    r"(share|tweet|facebook|twitter|x|telegram|whatsapp|linkedin|reddit|viber|messenger|pinterest)"
    r"( (on|via) \w+)?",
    r"pin it|copy link|link copied|copy (the )?url|copier le lien|lien copié|link kopieren|copiar (el )?enlace|"
    r"(go to )?permalink|copia (il )?link|copiar link|копіювати посилання|скопировать ссылку",
    r"edit (post|article|page)|(store|shop)( image)?|shop now.*|learn more.*|.* arrow (right|left)",
    # A blog network's buttons for its editors and readers beside a post, printed one a line or glued
    # together ("ProfileFollowUnfollow", "XDismissXUndismiss"). "Edit" alone is also a wiki's tab.
    rf"{POST_BUTTON}( ?{POST_BUTTON})*|block for [\w .'&-]{{1,40}}",
    # A video ad's countdown over the player.
    r"(you can )?skip (this )?ad( in \d+ seconds?)?",
    # The tag list a post is filed to, above the text ("Filed to: money"): its label and first tag.
    r"(filed|posted) (to|in) ?:.*",
    r"follow us( on .{0,30})?|(load|show|view|see) (more|all)( \w+)?|more|sections|featured|video|gallery|"
    r"live|breaking( news)?|updated|news feed",
    r"(accept|reject|manage) (all )?cookies.*|we use cookies.*|this (site|website) uses cookies.*|"
    r"cookie (settings|policy|preferences)",
    r"(privacy policy|terms of (use|service)|contact us|about us|impressum|datenschutz|mentions légales)",
    r"(teilen|drucken|abonnieren|newsletter abonnieren|partager|s'abonner|imprimer|compartir|suscríbete|"
    r"suscribirse|condividi|iscriviti|поділитися|підписатися|поделиться|подписаться|compartilhar|assine( já)?|"
    r"entrar|ouvir o texto|(diminuir|aumentar) (a )?fonte|receba (a|as|nossa|nossas) newsletters?.{0,60}|"
    r"(você )?já é assinante\??.{0,30})",
    # Audio notes and reading time.
    r"this (audio|article|summary) (is|was) (created|generated|produced|read).*",
    r"(dieser|diesen) (artikel|text|beitrag|audio)\b.{0,40}\b(ki|künstliche[nr]? intelligenz|vorgelesen|generiert).*|"
    r"(cet|ce) (article|audio|texte|résumé)\b.{0,40}\b(ia|intelligence artificielle|généré|lu par).*",
    r"listen( to)?( this)?( article| story)?( \(?\d+ ?min\)?)?|audio version.*|\d+ ?min(ute)?s? (read|listen)",
    r"(reading time|lesezeit|temps de lecture|tiempo de lectura) ?:? .{0,20}",
    # Error pages.
    r"([45]\d\d )?(error|forbidden|not found|unauthorized|gone|bad request|service unavailable)|"
    r"[45]\d\d|error( [45]\d\d)?!?|oops!?.*|sorry!*|whoops!?.*|page not found.*|"
    r"access denied.*|(error!? )?we'?re sorry,? (but )?the page.*|the page you (were|are) looking for.*|"
    r"please enable javascript.*|checking your browser.*|enable cookies.*",
]

# A line that opens with one of these is a caption or a credit, however long.
CAPTION_START = (
    r"(photo|file photo|photograph|image|picture|pictured|illustration|illustrative (photo|image)|video|"
    r"graphic|infographic|credit|foto|bild|фото|ілюстрація|иллюстрация)s?"
    r"( ?:| by\b| for illustrative| credits?\b| ?/| ?\||:? ?©| ?—| -)"
)
# "(Sean Doe / Getty Images)", "(Photo: AFP)", "Photo © Reuters", "(Presidential Office)" at the end
# of a line: a credit in brackets with no full stop after it. Sentences end with the stop.
CAPTION_CREDIT_END = (
    r"\((photo|image|foto|фото)?:? ?[^()]{2,60}( / | via |/)[^()]{2,40}\)$|"
    r"[.!?][\"”]?\s*\((?:[A-Z][\w.'’&-]*[\s,/]*){1,6}\)$|"
    r"\((photo|image|foto|фото|credit) ?: ?[^()]{2,60}\)$|"
    r"(©|photo:|credit:) ?[\w .&/'-]{2,50}$"
)
CAPTION_END_CHARS = 130
# A caption is a sentence or two.
MAX_CAPTION_WORDS = 60
PHOTO_AGENCIES = r"getty images|afp|reuters|ap photo|epa|efe|shutterstock|anadolu|ukrinform|unian|dpa|tass"
# A line that is only a credit: "Getty Images", "Jane Roe / AFP", "AP Photo/Jane Roe".
CREDIT_ONLY = (
    rf"^(?:[\w .'’-]{{0,40}}\s?/\s?)?(?:{PHOTO_AGENCIES})(?:\s?/\s?[\w .'’-]{{0,40}}| via [\w .'’-]{{0,40}})?$"
)

# Appeals for money or sign-ups written as sentences.
APPEAL_STRONG = [
    "paywall",
    "membership",
    "become a member",
    "independent journalism",
    "our journalism",
    "readers like you",
    "reader-funded",
    "donate",
    "donation",
    "subscribe",
    "subscription",
    "sign up for",
    "support us",
    "support our",
    "newsletter",
]

# Appeal phrases that are only furniture in numbers, in a line that speaks to the reader.
APPEAL_WEAK = [
    r"reach [\d,.]+ (members|subscribers|supporters|readers)",
    r"free for everyone",
    r"keep(ing)? (it|this|our \w+) free",
    r"reliable information",
    r"readers",
    r"(join|needs|build) (a|our|the) community",
    r"chip in",
    r"contribute",
]

# Curly and angle quotes read as straight ones; a no-break space as a space.
_QUOTES = [("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("\u00a0", " ")]


def _compile(patterns, tail=r"[\s:.!|·•>›»：-]*$"):
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")" + tail, re.IGNORECASE)


CJK_DROP_LINES = [
    r"分享到.{0,10}|分享|收藏|打印|正在加载.*|自动播放.*|[【\[]?责任编辑[:：].{0,20}",
    r"シェア|ツイート|印刷",
]
# The first character of a line in Chinese or Japanese (or of its bracketed label).
CJK_START = re.compile(r"[【\[]?[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Labels over a box set into the story (a newsletter sign-up): the box runs to the next paragraph.
BOX_LABELS = [
    r"(our |the |free |daily |weekly )?newsletters?( \w+){0,3}|la lettre( \w+){0,3}|der newsletter|"
    r"sign up (for|to) .{0,60}|subscribe to .{0,60}|get (our|the) .{0,40}newsletter.*|"
    r"el boletín|il notiziario|розсилка|рассылка"
]

# Share rows sit above and below a story: furniture that parts the page, not the end of the story.
SHARE_LABELS = [r"share( this( article| story| post| page)?)?( (on|via|to|with) [\w+ .]{1,30})?( ?:.*)?"]

STOP_RE = _compile(STOP_LABELS)
# The closing labels that may also head a box set into the story: teasers for other stories.
TEASER_BOX_RE = _compile(
    [
        r"related( (articles?|stories|news|posts|content|coverage|reading))?|(you )?(may|might) (also )?like|"
        r"recommended( for you| stories| articles)?|see also|we recommend|(à lire|lire) aussi|sur le même sujet|"
        r"mehr zum thema|das könnte sie (auch )?interessieren|(noticias|artículos|notas) relacionad[ao]s|"
        r"te puede interesar|articoli correlati|leia também|veja também|(notícias|artigos|matérias) relacionad[ao]s|"
        r"související( články)?|читайте (також|также)|по теме"
    ]
)
BOX_RE = _compile(BOX_LABELS)
MAX_BOX_LABEL_WORDS = 8
SHARE_RE = _compile(SHARE_LABELS)
TEASER_RE = _compile(TEASER_LABELS, tail="$")
DROP_RE = _compile(DROP_LINES)
CJK_STOP_RE = _compile(CJK_STOP_LABELS)
CJK_DROP_RE = _compile(CJK_DROP_LINES)
CAPTION_START_RE = re.compile(CAPTION_START, re.IGNORECASE)
CREDIT_ONLY_RE = re.compile(CREDIT_ONLY, re.IGNORECASE)
CAPTION_END_RE = re.compile(CAPTION_CREDIT_END, re.IGNORECASE)
AGENCY_RE = re.compile(rf"\b({PHOTO_AGENCIES})\b", re.IGNORECASE)
# Case matters: "US" is a country, "us" is the outlet asking for money.
PERSON_WORDS = re.compile(r"\b([Ww]e|[Ww]e're|[Ww]e've|us|[Oo]ur|[Yy]ou|[Yy]our|[Yy]ou're)\b")
APPEAL_WEAK_RES = [re.compile(rf"\b{term}\b") for term in APPEAL_WEAK]
# Every appeal names one of these: lines without any are done with in one search.
APPEAL_ANY_RE = re.compile("|".join([re.escape(term) for term in APPEAL_STRONG] + APPEAL_WEAK))
SECOND_PERSON = re.compile(r"\b[Yy]ou(r|'re)?\b")
# Error-page sentences are recognised at any length.
ERROR_PAGE_RE = re.compile(
    r"page (you|you're) (were |are )?(looking|searching) for|page (does ?n[o']t|does not) exist|"
    r"page (could|can) ?n[o']?t be found|\b404\b.{0,20}not found|requested (url|page) was not found",
    re.IGNORECASE,
)

# A teaser's blurb ends with a link to the story: "... Mehr…", "... Read more", "... [...]".
TEASER_END_RE = re.compile(
    r"(?:[.!?\"”]\s*(?:more|read more|continue reading|mehr|weiterlesen|lire la suite|la suite|leer más|leggi tutto|"
    r"meer|więcej|детальніше|докладніше|подробнее|далее)\s*(?:…|\.\.\.|»|›|→|>>)|"
    r"\b(?:read more|continue reading|weiterlesen|lire la suite|leer más|leggi tutto)\s*|\w.{0,30}\[(?:…|\.\.\.)\])$",
    re.IGNORECASE,
)
TEASER_END_CHARS = 40
# Markup a browser printed as text (a <noscript> ad or tracking pixel): tags that load other sites.
MARKUP_RE = re.compile(r"^<[a-z][^\n]*\b(?:src|href)=[\"']?(?:https?:)?//", re.IGNORECASE)

# A licence or copyright notice written as a sentence or two ("Portions of this content are ©1998–2015 by
# its contributors. Content available under a Creative Commons licence").
LEGAL_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:19|20)\d\d.{0,200}\b(?:licen[cs]e[ds]?|rights reserved|contributors)\b|"
    r"\bcontent (?:is )?available under\b",
    re.IGNORECASE,
)
MAX_LEGAL_WORDS = 40
# Every such notice holds one of these: other lines are done with in one quick search.
LEGAL_HINT = re.compile(r"©|\(c\)|copyright|available under", re.IGNORECASE)

# Label-like lines are short; a long sentence that opens with "Share" is prose.
MAX_LABEL_WORDS = 14


@functools.lru_cache(maxsize=4096)
def normalise(line):
    # A replace per mark the line holds: five times quicker than str.translate on a dump's lines.
    for mark, plain in _QUOTES:
        if mark in line:
            line = line.replace(mark, plain)
    # str.split() splits at what \s matches: runs of white space become one space, none at the ends.
    return " ".join(line.split())


def is_appeal(line):
    """A sign-up or donation appeal written as a sentence ("Help us reach 20,000 members")."""
    text = normalise(line)
    if '"' in text or len(text.split()) > 60:
        return False
    lower = text.lower()
    if not APPEAL_ANY_RE.search(lower):
        return False
    hits = sum(term in lower for term in APPEAL_STRONG)
    if hits >= 2 or (hits == 1 and (PERSON_WORDS.search(text) or len(text.split()) <= 6)):
        return True
    # "Can we reach 20,000 members?": weaker words, addressed to the reader.
    weak = sum(bool(term.search(lower)) for term in APPEAL_WEAK_RES)
    asks = "?" in text or SECOND_PERSON.search(text) or APPEAL_WEAK_RES[0].search(lower)
    return len(text.split()) <= 40 and bool(PERSON_WORDS.search(text)) and (weak >= 2 or (weak >= 1 and asks))


def is_caption(line):
    text = normalise(line)
    if CAPTION_START_RE.match(text):
        return True
    # Every ending credit is shorter than this: the rest of a long line need not be searched.
    end = CAPTION_END_RE.search(text[-CAPTION_END_CHARS:])
    # "... des scénaristes moqueurs. (A.H.)": a long paragraph signed with its writer's name or initials
    # is the story's, not a caption's credit.
    signed = end is not None and end.group(0)[0] in ".!?" and len(text.split()) > MAX_CAPTION_WORDS
    if (end is not None and not signed) or CREDIT_ONLY_RE.match(text):
        return True
    # A caption ending in an agency credit: "Rescuers in Kharkiv. Reuters/Jane Doe". Sentences
    # end with a full stop; credits do not ("a Reuters/Ipsos poll." is prose).
    tail = text[-40:]
    # The slash first: most lines have none, and the search for an agency is the slow test.
    return (
        "/" in tail and not text.endswith((".", "!", "?")) and len(text.split()) <= 40 and bool(AGENCY_RE.search(tail))
    )


def is_teaser_box_label(line):
    """ "Related", "See also": a label that may head a box of teasers set into the story."""
    text = normalise(line)
    return len(text.split()) <= MAX_BOX_LABEL_WORDS and bool(TEASER_BOX_RE.match(text))


def is_box_label(line):
    """ "Newsletter", "La lettre Europe": the label of a sign-up box set into the story."""
    text = normalise(line)
    return len(text.split()) <= MAX_BOX_LABEL_WORDS and bool(BOX_RE.match(text))


WIKI_TAGLINE_RE = _compile([WIKI_TAGLINE])


def is_wiki_tagline(line):
    """ "From Wikipedia, the free encyclopedia": the line a wiki prints under its page's title."""
    return bool(WIKI_TAGLINE_RE.match(normalise(line)))


PROFILE_BUTTON_RE = _compile([r"x?(profile|follow(ed|ing)?|unfollow)( ?x?(profile|follow(ed|ing)?|unfollow))*"])


def is_profile_button(line):
    """ "Follow", "ProfileFollowUnfollow": the buttons of an author's card, beside the author's name."""
    return bool(PROFILE_BUTTON_RE.match(normalise(line)))


def is_share_row(line):
    text = normalise(line)
    return len(text.split()) <= MAX_LABEL_WORDS and bool(SHARE_RE.match(text))


# Menus, buttons and footers come back on every page of a site: a run over many pages asks about the
# same lines again (also in the HTML stripper).
@functools.lru_cache(maxsize=16384)
def classify(line):
    """STOP, DROP or None for one line of a dump."""
    text = normalise(line)
    if not text:
        return None
    words = text.count(" ") + 1
    if words <= 30 and TEASER_RE.match(text):
        return DROP
    # The teaser's link sits in the last few characters; markup opens the line.
    if TEASER_END_RE.search(text[-TEASER_END_CHARS:]) or (text[0] == "<" and MARKUP_RE.match(text)):
        return DROP
    if words <= MAX_LABEL_WORDS and STOP_RE.match(text):
        return STOP
    if words <= MAX_LABEL_WORDS and CJK_START.match(text):
        if CJK_STOP_RE.match(text):
            return STOP
        if CJK_DROP_RE.match(text):
            return DROP
    if words <= MAX_LABEL_WORDS and SHARE_RE.match(text):
        return DROP
    if words <= MAX_LABEL_WORDS and DROP_RE.match(text):
        return DROP
    if words <= 40 and ERROR_PAGE_RE.search(text):
        return DROP
    if words <= MAX_LEGAL_WORDS and LEGAL_HINT.search(text) and LEGAL_RE.search(text):
        return DROP
    if is_caption(text) or is_appeal(text):
        return DROP
    return None
