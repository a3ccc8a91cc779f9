"""Title, date, outlet, author, URL and language of an HTML page.

Publishers describe their articles for search engines and social networks, so
that description is trusted before anything read from the page layout: JSON-LD
(schema.org), then OpenGraph and other <meta> tags, then <time> and byline
elements, then <title> and <h1>.
"""

import json
import re
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from .dates import find_date, parse_date
from .html_tree import attr_hints, is_element, short_text, squash, tag_set, text_of
from .page import PageMetadata

ARTICLE_TYPES = (
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "article",
    "blogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "posting",
)
# JSON-LD nests little; deeper than this is not a description of an article.
MAX_JSON_NODES = 5000
# Some pages wrap JSON-LD in (commented) CDATA markers, a leftover of XHTML.
CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")

TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•»:/\\]|::)\s+")
BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|text|words|story)\s+)?(?:by|par|von|por|door|di|da|av|af|przez|от|від)\s*[:\s]\s*",
    re.IGNORECASE,
)
MAX_AUTHOR_CHARS = 120
# Pieces of page text looked at for a headline or a byline: the top of any page.
MAX_TEXT_PIECES = 20_000


def read_metadata(root):
    meta = meta_tags(root)
    ld = json_ld_article(root)
    source = _first(meta.get("og:site_name"), ld.get("publisher"), meta.get("application-name"))
    title_el = root.find("head/title")
    title_tag = text_of(title_el if title_el is not None else root.find(".//title")) or None
    title = _first(
        _headline(ld, title_tag or meta.get("og:title")),
        meta.get("dc.title"),
        meta.get("dcterms.title"),
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("parsely-title"),
        meta.get("title"),
    )
    if title is None:
        # Looked for only when the head names no title: it reads every element of the page.
        title = _first(microdata_headline(root))
    if title is None and title_tag:
        title = title_from_title_tag(title_tag, root)
    if source is None:
        source = source_from_title_tag(title_tag, title)
    title = strip_site_name(title, source)
    return PageMetadata(
        title=title,
        published=published_date(root, meta, ld),
        source=source,
        author=find_author(root, meta, ld),
        url=canonical_url(root, meta, ld),
        language=page_language(root, meta, ld),
    )


def _first(*values):
    for value in values:
        if isinstance(value, str):
            value = squash(value)
            if value:
                return value
    return None


def meta_tags(root):
    """The content of <meta> tags by lower-cased property, name, itemprop or http-equiv.

    The first tag wins, and any property (OpenGraph, RDFa) wins over any name.
    """
    found = {}
    metas = [el for el in root.iter("meta") if (el.get("content") or "").strip()]
    for attr in ("property", "name", "itemprop", "http-equiv"):
        for el in metas:
            # RDFa allows several space-separated properties in one attribute.
            for key in (el.get(attr) or "").lower().split():
                found.setdefault(key.replace(":", ".", 1) if key.startswith("dc:") else key, el.get("content").strip())
    return found


def _types(node):
    kind = node.get("@type")
    if isinstance(kind, str):
        kind = [kind]
    if not isinstance(kind, list):
        return []
    return [k.rsplit("/", 1)[-1].lower() for k in kind if isinstance(k, str)]


def json_ld_nodes(root):
    """Every JSON object in the page's JSON-LD scripts, @graph members included (iteratively)."""
    nodes = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(CDATA.sub("", script.text or ""), strict=False)
        except (ValueError, RecursionError):
            continue
        pending = [data]
        while pending and len(nodes) < MAX_JSON_NODES:
            item = pending.pop()
            if isinstance(item, list):
                pending.extend(reversed(item))
            elif isinstance(item, dict):
                nodes.append(item)
                for value in item.values():
                    if isinstance(value, list | dict):
                        pending.append(value)
    return nodes


def json_ld_article(root):
    """headline, published, author, publisher, url and language from the JSON-LD article, if any."""
    nodes = json_ld_nodes(root)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    article = None
    rank = len(ARTICLE_TYPES)
    for node in nodes:
        for kind in _types(node):
            if kind in ARTICLE_TYPES and ARTICLE_TYPES.index(kind) < rank:
                article, rank = node, ARTICLE_TYPES.index(kind)
    if article is None:
        return {}

    def resolve(value):
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
            return by_id[value["@id"]]
        return value

    def names(value, depth=0):
        value = resolve(value)
        if isinstance(value, str):
            return [value]
        if depth > 3:
            return []
        if isinstance(value, dict):
            return names(value.get("name"), depth + 1)
        if isinstance(value, list):
            return [name for item in value[:20] for name in names(item, depth + 1)]
        return []

    headline = _first(article.get("headline"))
    name = _first(article.get("name"))
    authors = [squash(n) for n in names(article.get("author")) if squash(n) and not _looks_like_url(n)]
    main_entity = resolve(article.get("mainEntityOfPage"))
    url = article.get("url")
    if not isinstance(url, str) and isinstance(main_entity, dict):
        url = main_entity.get("@id") or main_entity.get("url")
    language = article.get("inLanguage")
    return {
        "headline": headline,
        "name": name,
        "published": _first(article.get("datePublished")),
        "created": _first(article.get("dateCreated")),
        "author": ", ".join(dict.fromkeys(authors)) or None,
        "publisher": _first(*names(article.get("publisher"))),
        "url": url if isinstance(url, str) else None,
        "language": language if isinstance(language, str) else None,
    }


def _headline(ld, page_title):
    """JSON-LD headline, or its name when that is closer to the page's title.

    Some sites put a summary in "headline" and the title in "name".
    """
    headline, name = ld.get("headline"), ld.get("name")
    if not (headline and name and page_title) or headline == name:
        return headline or name
    words = set(page_title.casefold().split())

    def overlap(text):
        found = set(text.casefold().split())
        return len(found & words) / len(found | words)

    return name if overlap(name) > overlap(headline) else headline


def _looks_like_url(text):
    return bool(re.match(r"^\s*(?:https?:)?//|^\s*www\.", text))


def microdata_headline(root):
    # The word test is done in Python: XPath's concat() on every element of the page cost more.
    for el in root.xpath(".//*[@itemprop]"):
        if " headline " not in f" {el.get('itemprop')} ":
            continue
        text = el.get("content") if el.tag == "meta" else text_of(el)
        if text and len(text) < 300:
            return text
    return None


def title_from_title_tag(title, root):
    """The headline inside a <title> such as "Headline | Site" or "Press release: Headline - Site".

    The headline is what the page prints on its own: an <h1> equal to one part
    of the <title>, else the longest single piece of page text the <title>
    contains (a bold line in an old layout). Without either the whole <title>
    is kept: cutting it at a guess loses words more often than it saves them.
    """
    body = root.find("body")
    if body is None:
        return title
    # Not the last part: that is where the site's name goes, and sites print
    # their name in an <h1> too.
    *parts, last = [squash(part).casefold() for part in TITLE_SEPARATORS.split(title)]
    for h1 in body.iter("h1"):
        text = text_of(h1)
        if text and text.casefold() in parts:
            return text
    folded = title.casefold()
    best = None
    for count, piece in enumerate(body.itertext()):
        if count > MAX_TEXT_PIECES:
            break
        if len(piece) > 2 * len(title):
            continue
        piece = squash(piece)
        if len(piece) < 0.4 * len(title) or len(piece.split()) < 3 or piece.casefold() not in folded:
            continue
        if parts and piece.casefold() == last:
            continue
        if best is None or len(piece) > len(best):
            best = piece
    return best or title


def source_from_title_tag(title_tag, title):
    """ "Headline | Outlet" or "Outlet - Headline": the outlet, when the rest is the article's title."""
    if not title_tag or not title:
        return None
    start = title_tag.casefold().find(title.casefold())
    if start < 0:
        return None
    after = re.fullmatch(TITLE_SEPARATORS.pattern + r"(\S.*)", title_tag[start + len(title) :])
    before = re.fullmatch(r"(.*\S)" + TITLE_SEPARATORS.pattern, title_tag[:start])
    for match in (after, before):
        if match and len(match.group(1).split()) <= 4 and not TITLE_SEPARATORS.search(match.group(1)):
            return match.group(1).strip()
    return None


def strip_site_name(title, source):
    """ "Headline | Outlet" -> "Headline" when the outlet is known."""
    if not title or not source:
        return title
    pattern = re.compile(r"\s*(?:[|\-–—·•»:/\\]|::)\s*" + re.escape(source) + r"\s*$", re.IGNORECASE)
    stripped = pattern.sub("", title)
    if stripped == title:
        pattern = re.compile(r"^\s*" + re.escape(source) + r"\s*(?:[|\-–—·•»:/\\]|::)\s*", re.IGNORECASE)
        stripped = pattern.sub("", title)
    return stripped or title


DATE_META = (
    "article:published_time",
    "og:published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "citation_publication_date",
)


def published_date(root, meta, ld):
    for value in (ld.get("published"), *(meta.get(key) for key in DATE_META), ld.get("created")):
        found = parse_when(value)
        if found:
            return found
    times = [el for el in page_elements(root) if el.tag == "time"]
    for el in times:
        if el.get("pubdate") is not None or "datepublished" in (el.get("itemprop") or "").lower():
            found = parse_when(el.get("datetime") or text_of(el))
            if found:
                return found
    for el in times:
        found = parse_when(el.get("datetime"))
        if found:
            return found
    for el in page_elements(root):
        tokens = attr_hints(el).split()
        if any(DATE_TOKEN.search(t) and not NOT_PUBLISHED_TOKEN.search(t) for t in tokens):
            found = parse_date(short_text(el, 100) or "")
            if found:
                return found
    return None


def parse_when(value):
    """A date or datetime from an ISO string (meta tags) or a date as people write it."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        found = parse_date(value[:200])
    if found is None:
        return None
    if isinstance(found, datetime) and not (found.hour or found.minute or found.second or found.tzinfo):
        return found.date()
    return found


AUTHOR_META = (
    "dc.creator",
    "dcterms.creator",
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "twitter:creator",
)


def find_author(root, meta, ld):
    candidates = [ld.get("author")]
    candidates += [meta.get(key) for key in AUTHOR_META]
    for value in candidates:
        author = clean_author(value)
        if author and not author.startswith("@"):
            return author
    return byline_author(root)


def clean_author(value):
    """A byline without its "By", or None for what cannot be a byline (a URL, a paragraph)."""
    if not isinstance(value, str):
        return None
    value = squash(value)
    if not value or _looks_like_url(value):
        return None
    value = BYLINE_PREFIX.sub("", value).strip(" ,;|-–—:")
    if not value or len(value) > MAX_AUTHOR_CHARS:
        return None
    return value


# Bylines and datelines are found in the article, not in navigation, side
# columns or comments.
NOT_ARTICLE_AREAS = tag_set("nav aside footer script style noscript template select")
BYLINE_TOKEN = re.compile(r"byline|dateline|writtenby|(?:^|[-_])authors?(?:$|[-_])")
DATE_TOKEN = re.compile(r"date|time|publish|posted")
NOT_PUBLISHED_TOKEN = re.compile(r"update|modified|edited")


def page_elements(root):
    """Body elements in document order, leaving out navigation, side columns and comments."""
    body = root.find("body")
    stack = [body] if body is not None else []
    while stack:
        el = stack.pop()
        if not is_element(el) or el.tag in NOT_ARTICLE_AREAS:
            continue
        # (An article or page may carry "comments-open" and the like.)
        if el.tag not in ("body", "article", "main") and "comment" in attr_hints(el):
            continue
        yield el
        stack.extend(reversed(el))


def byline_author(root):
    """The author named in a byline element (rel=author, itemprop=author, class byline/author)."""
    for el in page_elements(root):
        text = None
        if el.get("rel") == "author" or "author" in (el.get("itemprop") or "").lower():
            named = el.find(".//*[@itemprop='name']")
            text = short_text(named if named is not None else el, 200)
        elif any(BYLINE_TOKEN.search(token) for token in attr_hints(el).split()):
            text = short_text(el, 200)
        author = name_in_byline(text) if text else None
        if author:
            return author
    return None


def name_in_byline(text):
    """ "By Jane Doe, May 3, 2025 10:12" -> "Jane Doe"; None when it does not read as names."""
    found = find_date(text)
    if found is not None:
        text = text[: found.start]
    author = clean_author(text)
    if not author or "|" in author or len(author.split()) > 8 or any(ch.isdigit() for ch in author):
        return None
    return author


def canonical_url(root, meta, ld):
    base = meta.get("og:url")
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _absolute(link.get("href"), base)
    for value in (meta.get("og:url"), ld.get("url")):
        if isinstance(value, str) and _absolute(value, None):
            return _absolute(value, None)
    return None


def _absolute(url, base):
    url = url.strip()
    if base and not urlsplit(url).scheme:
        url = urljoin(base, url)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def page_language(root, meta, ld):
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")):
        if value:
            break
    else:
        body = root.find("body")
        value = body.get("lang") if body is not None else None
    for candidate in (value, meta.get("content-language"), meta.get("og:locale"), ld.get("language")):
        tag = normalise_language(candidate)
        if tag:
            return tag
    return None


def normalise_language(value):
    """ "en_us" -> "en-US"; None for anything that is not a language tag."""
    if not isinstance(value, str):
        return None
    value = value.strip().split(",")[0].strip()
    if not LANGUAGE_TAG.match(value):
        return None
    first, *rest = re.split(r"[-_]", value)
    parts = [first.lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower() for p in rest]
    return "-".join(parts)
