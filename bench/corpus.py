"""A deterministic benchmark corpus: invented stories rendered as saved pages.

Page `i` of seed `s` is the same whatever the corpus size, so a 10k corpus is
the first tenth of a 100k one. Each page comes with its gold body (the article
paragraphs) for measuring body quality.

    python -m bench.corpus OUT_DIR --pages 1000 [--seed 1]
"""

import argparse
import html
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from . import vocab

HTML_LAYOUTS = ("wordpress", "jsonld", "opengraph", "tables")
TEXT_LAYOUTS = ("plain", "furniture", "wire", "dateline")
EPOCH = datetime(2023, 1, 2, 6, 0)


@dataclass
class Statement:
    speaker: str
    text: str
    kind: str
    topics: list[str] = field(default_factory=list)


@dataclass
class Story:
    """What a page says, before any layout: the gold answer for the extractor."""

    number: int
    title: str
    outlet: str
    domain: str
    author: str
    published: datetime
    paragraphs: list[str]
    people: list[str]
    statements: list[Statement]
    topics: list[str]
    section: str

    @property
    def url(self):
        return f"https://{self.domain}/{self.section.lower()}/{self.published:%Y/%m/%d}/story-{self.number}"

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


def person_name(index):
    """The index-th invented person, stable across runs (6,400 distinct names)."""
    first = vocab.FIRST_NAMES[index % len(vocab.FIRST_NAMES)]
    last = vocab.LAST_NAMES[(index // len(vocab.FIRST_NAMES) + index) % len(vocab.LAST_NAMES)]
    return f"{first} {last}"


def pick_person(rng, population=3000):
    # Skewed: a few people are quoted everywhere, most rarely, as in real coverage.
    return person_name(int(population * rng.random() ** 3))


def story(number, seed=1):
    rng = random.Random(f"{seed}:{number}")
    outlet, domain = rng.choice(vocab.OUTLETS)
    country, country2 = rng.sample(vocab.COUNTRIES, 2)
    city = rng.choice(vocab.CITIES)
    org = rng.choice(vocab.ORGANISATIONS)
    topics = rng.sample(list(vocab.TOPIC_PHRASES), rng.choice((1, 1, 2)))
    people = list(dict.fromkeys(pick_person(rng) for _ in range(rng.randint(2, 4))))
    fill = {"country": country, "country2": country2, "city": city, "org": org, "outlet": outlet}

    def phrase(topic=None):
        return rng.choice(vocab.TOPIC_PHRASES[topic or rng.choice(topics)]).format(**fill)

    def sentence(template, **extra):
        return template.format(**fill, topic_phrase=phrase(), **extra)

    lead, *others = people
    title = sentence(
        rng.choice(vocab.HEADLINE_TEMPLATES),
        speaker_last=lead.split()[-1],
        speaker2_last=(others or [lead])[0].split()[-1],
    )
    title = title[0].upper() + title[1:]
    roles = {}
    for person in people:
        role, described = rng.choice(vocab.ROLES)
        roles[person] = described.format(**fill)
    paragraphs = []
    statements = []
    introduced = set()

    def who(person):
        if person in introduced:
            return person.split()[-1]
        introduced.add(person)
        return f"{person}, {roles[person]},"

    quotes = rng.sample(vocab.DIRECT_QUOTES, len(vocab.DIRECT_QUOTES))
    claims = rng.sample(vocab.INDIRECT_CLAIMS, len(vocab.INDIRECT_CLAIMS))
    narrative = rng.sample(vocab.NARRATIVE, len(vocab.NARRATIVE))
    claim = sentence(claims.pop())
    paragraphs.append(f"{who(lead)} {rng.choice(vocab.INDIRECT_VERBS)} that {claim}.")
    statements.append(Statement(lead, claim, "indirect"))
    for _ in range(rng.randint(5, 14)):
        roll = rng.random()
        person = rng.choice(people)
        if roll < 0.35 and quotes:
            quote = sentence(quotes.pop())
            verb = rng.choice(vocab.SAYING_VERBS).format(**fill)
            text = f"\u201c{quote},\u201d {who(person)} {verb}."
            statements.append(Statement(person, quote, "direct"))
        elif roll < 0.55 and claims:
            claim = sentence(claims.pop())
            text = f"{who(person)} {rng.choice(vocab.INDIRECT_VERBS)} that {claim}."
            statements.append(Statement(person, claim, "indirect"))
        else:
            if len(narrative) < 3:
                narrative = rng.sample(vocab.NARRATIVE, len(vocab.NARRATIVE))
            text = " ".join(sentence(narrative.pop()) for _ in range(rng.randint(1, 3)))
        paragraphs.append(text.replace(",, ", ", ").replace(",,", ","))
    published = EPOCH + timedelta(days=rng.randrange(3 * 365), minutes=rng.randrange(16 * 60))
    return Story(
        number=number,
        title=title,
        outlet=outlet,
        domain=domain,
        author=person_name(5000 + rng.randrange(400)),
        published=published,
        paragraphs=paragraphs,
        people=people,
        statements=statements,
        topics=topics,
        section=rng.choice(vocab.SECTIONS),
    )


# --- HTML layouts -------------------------------------------------------------

e = html.escape


def _fill(rng, s):
    return {
        "country": rng.choice(vocab.COUNTRIES),
        "city": rng.choice(vocab.CITIES),
        "org": rng.choice(vocab.ORGANISATIONS),
        "topic_phrase": rng.choice(vocab.TOPIC_PHRASES["ceasefire"]).format(city="Halvik"),
        "outlet": s.outlet,
        "speaker": s.people[0],
    }


def _nav(rng, s):
    links = [*vocab.SECTIONS, *rng.sample(vocab.FURNITURE_LINKS, 8)]
    items = "".join(f'<li class="menu-item"><a href="/{e(x.lower())}/">{e(x)}</a></li>' for x in links)
    return f'<nav class="main-menu" aria-label="Main"><ul class="menu">{items}</ul></nav>'


def _related(rng, s):
    fill = _fill(rng, s)
    items = "".join(
        f'<li><a href="/news/{rng.randrange(10**6)}">{e(t.format(**fill))}</a>'
        f'<span class="meta">{rng.randint(1, 28)} {rng.choice(vocab.MONTHS)}</span></li>'
        for t in rng.sample(vocab.RELATED_TEMPLATES, 5)
    )
    return f'<aside class="related"><h3>Related stories</h3><ul>{items}</ul></aside>'


def _footer(rng, s):
    items = " ".join(f'<a href="/{e(x.lower())}">{e(x)}</a>' for x in vocab.FURNITURE_LINKS)
    return (
        f'<footer class="site-footer"><div class="footer-links">{items}</div>'
        '<div class="newsletter"><h4>Get the morning briefing</h4><form action="/subscribe">'
        '<input type="email" placeholder="Your email"><button>Subscribe</button></form></div>'
        f'<p class="copyright">&copy; {s.published.year} {e(s.outlet)}. All rights reserved.</p></footer>'
    )


def _head_assets(rng):
    # Pages carry a lot of inline CSS and script; parsers have to wade through it.
    css = "".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(16**6):06x};font-size:{12 + i % 6}px}}"
        for i in range(rng.randint(150, 450))
    )
    config = json.dumps(
        {"site": {"ads": [{"slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]]} for i in range(20)]}, "v": 3}
    )
    return (
        f"<style>{css}</style>"
        f"<script>window.__CONFIG__ = {config};(function(){{var a=1;for(var i=0;i<10;i++){{a+=i}}}})();</script>"
        '<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script>'
    )


def _paragraphs_html(rng, s, inline_furniture=True):
    out = []
    for n, p in enumerate(s.paragraphs):
        out.append(f"<p>{e(p)}</p>")
        if inline_furniture and n == 2:
            out.append('<div class="ad-slot" data-slot="mid"><span>Advertisement</span></div>')
        if inline_furniture and n == 4:
            fill = _fill(rng, s)
            related = rng.choice(vocab.RELATED_TEMPLATES).format(**fill)
            out.append(f'<p class="read-also"><strong>Read also:</strong> <a href="/n/1">{e(related)}</a></p>')
    return "".join(out)


def _date_text(d):
    return f"{d.day} {vocab.MONTHS[d.month - 1]} {d.year}, {d:%H:%M}"


def render_wordpress(rng, s):
    caption = rng.choice(vocab.CAPTIONS).format(**_fill(rng, s))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(s.title)} | {e(s.outlet)}</title>'
        f'<meta name="viewport" content="width=device-width">{_head_assets(rng)}</head>'
        f'<body class="post-template-default single"><div id="page"><header class="site-header">'
        f'<a class="logo" href="/">{e(s.outlet)}</a>{_nav(rng, s)}</header>'
        f'<main id="main"><article class="post type-post"><header class="entry-header">'
        f'<span class="cat-links"><a href="/{s.section.lower()}/">{e(s.section)}</a></span>'
        f'<h1 class="entry-title">{e(s.title)}</h1><div class="entry-meta">By <span class="author vcard">'
        f'<a href="/author/x">{e(s.author)}</a></span> <time class="entry-date published" '
        f'datetime="{s.published.isoformat()}+00:00">{_date_text(s.published)}</time></div></header>'
        f'<figure class="wp-block-image"><img src="/img/{s.number}.jpg" alt=""><figcaption>{e(caption)}'
        f'</figcaption></figure><div class="entry-content">{_paragraphs_html(rng, s)}</div>'
        '<div class="sharedaddy"><h3>Share this:</h3><ul><li>Facebook</li><li>X</li><li>Email</li></ul></div>'
        f"</article>{_related(rng, s)}</main>{_footer(rng, s)}</div></body></html>"
    )


def render_jsonld(rng, s):
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "datePublished": s.published.isoformat() + "Z",
        "author": {"@type": "Person", "name": s.author},
        "publisher": {"@type": "Organization", "name": s.outlet},
        "mainEntityOfPage": s.url,
    }
    comments = "".join(
        f'<li class="comment"><b>reader{rng.randrange(999)}</b><p>{e(t)}</p></li>'
        for t in rng.sample(["Good piece.", "Finally some sense.", "Who pays for this?", "Source?"], 3)
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{e(s.title)}</title>'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        f'<link rel="canonical" href="{s.url}">{_head_assets(rng)}</head><body>'
        '<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button>'
        "<button>Manage</button></div>"
        f'<div class="topbar">{_nav(rng, s)}</div><div class="layout"><div class="col-main">'
        f'<div class="breadcrumbs"><a href="/">Home</a> / <a href="/{s.section.lower()}">{e(s.section)}</a></div>'
        f'<h1 class="headline">{e(s.title)}</h1><p class="byline">{e(s.author)} &middot; '
        f"{_date_text(s.published)}</p>"
        f'<div class="story-body">{_paragraphs_html(rng, s)}</div>'
        f'<section class="comments"><h2>Comments (3)</h2><ul>{comments}</ul></section></div>'
        f'<div class="col-side">{_related(rng, s)}<div class="most-read"><h3>Most read</h3></div></div></div>'
        f"{_footer(rng, s)}</body></html>"
    )


def render_opengraph(rng, s):
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'<meta property="og:title" content="{e(s.title)}"><meta property="og:site_name" content="{e(s.outlet)}">'
        f'<meta property="og:url" content="{s.url}"><meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{s.published.isoformat()}+00:00">'
        f'<meta name="author" content="{e(s.author)}"><title>{e(s.outlet)} - {e(s.title)}</title>'
        f'{_head_assets(rng)}</head><body><div class="wrapper">'
        f'<div class="header"><div class="brand">{e(s.outlet)}</div>{_nav(rng, s)}'
        '<div class="ticker">Breaking: markets open higher &bull; Weather: rain in the north</div></div>'
        f'<section class="content"><h1>{e(s.title)}</h1>'
        f'<div class="text">{_paragraphs_html(rng, s)}</div>'
        '<div class="tags">Tags: <a href="/t/1">diplomacy</a> <a href="/t/2">security</a></div></section>'
        f"{_related(rng, s)}{_footer(rng, s)}</div></body></html>"
    )


def render_tables(rng, s):
    menu = "<br>".join(f'<a href="/{x.lower()}.asp">{e(x)}</a>' for x in vocab.SECTIONS)
    body = "".join(f"<p>{e(p)}</p>" for p in s.paragraphs)
    return (
        f"<html><head><title>{e(s.outlet)} :: {e(s.title)}</title>{_head_assets(rng)}</head>"
        '<body bgcolor="#ffffff"><table width="100%" border="0" cellpadding="4"><tr>'
        f'<td colspan="2" class="banner"><font size="5"><b>{e(s.outlet)}</b></font></td></tr><tr>'
        f'<td width="160" valign="top" class="menu">{menu}</td><td valign="top" class="main">'
        f'<font size="4"><b>{e(s.title)}</b></font><br><font size="2">{s.published:%d.%m.%Y %H:%M} | '
        f"{e(s.author)}</font>{body}"
        f'<p><a href="/print.asp?id={s.number}">Print version</a> | <a href="/send.asp">Send to a friend</a></p>'
        f'</td></tr><tr><td colspan="2">{_footer(rng, s)}</td></tr></table></body></html>'
    )


# --- Text dumps ---------------------------------------------------------------


def _long_date(d):
    return f"{vocab.MONTHS[d.month - 1]} {d.day}, {d.year}"


def render_plain(rng, s):
    return "\n".join([s.title, "", *s.paragraphs, f"Read more on {s.outlet}: {rng.choice(vocab.SECTIONS)} news"])


def render_furniture(rng, s):
    fill = _fill(rng, s)
    subscribe = ["Subscribe", "* indicates required"] * rng.randint(2, 5)
    return "\n".join(
        [
            f" date {s.published:%Y-%m-%d} Support independent journalism. Help us reach 50,000 members.",
            "",
            "Become a member",
            "Skip to content",
            " ".join(vocab.SECTIONS[:6]),
            "More",
            " ".join(rng.sample(vocab.FURNITURE_LINKS, 6)),
            "Newsletters",
            ", ".join([s.section, *rng.sample(vocab.COUNTRIES, 3)]),
            "",
            s.title,
            "",
            f"by {s.author} {_long_date(s.published)} {s.published:%-I:%M %p} {rng.randint(2, 6)} min read",
            rng.choice(vocab.CAPTIONS).format(**fill),
            "",
            *[p + "\n" for p in s.paragraphs],
            "MORE NEWS",
            *[t.format(**fill) for t in rng.sample(vocab.RELATED_TEMPLATES, 3)],
            "Editors' Picks",
            "Follow Us",
            "Enter your email to subscribe",
            *subscribe,
        ]
    )


def render_wire(rng, s):
    fill = _fill(rng, s)
    agency = s.outlet.upper().replace("THE ", "")
    first, *rest = s.paragraphs
    return "\n".join(
        [
            "404",
            "Sorry!!",
            "Error! The page you were looking for doesn't exist.",
            s.title,
            f"({agency}) {first}",
            *rest,
            "Legal Disclaimer:",
            f"{s.outlet} provides this content on an as-is basis and makes no warranty of any kind.",
            "Most popular stories",
            *[f"- {t.format(**fill)}" for t in rng.sample(vocab.RELATED_TEMPLATES, 4)],
            "CommentsNo comment",
        ]
    )


def render_dateline(rng, s):
    return "\n".join(
        [
            s.title,
            "",
            f"{s.outlet} - {s.published:%d} {vocab.MONTHS[s.published.month - 1]} {s.published:%Y %H:%M}",
            "",
            " ".join(s.paragraphs),
            "",
            "Source",
        ]
    )


RENDERERS = {
    "wordpress": render_wordpress,
    "jsonld": render_jsonld,
    "opengraph": render_opengraph,
    "tables": render_tables,
    "plain": render_plain,
    "furniture": render_furniture,
    "wire": render_wire,
    "dateline": render_dateline,
}


@dataclass
class Page:
    name: str
    data: bytes
    layout: str
    story: Story

    @property
    def is_html(self):
        return self.layout in HTML_LAYOUTS


def page(number, seed=1, html_share=0.5):
    """Page `number`: about `html_share` of pages are HTML, the rest text dumps."""
    rng = random.Random(f"{seed}:layout:{number}")
    layouts = HTML_LAYOUTS if rng.random() < html_share else TEXT_LAYOUTS
    layout = rng.choice(layouts)
    s = story(number, seed)
    text = RENDERERS[layout](rng, s)
    suffix = "html" if layout in HTML_LAYOUTS else "txt"
    return Page(f"{number:07d}_{layout}.{suffix}", text.encode("utf-8"), layout, s)


def pages(count, seed=1, start=0, html_share=0.5):
    for number in range(start, start + count):
        yield page(number, seed, html_share)


def write(out_dir, count, seed=1, per_folder=1000):
    """Write `count` pages under `out_dir`, `per_folder` to a subfolder; returns bytes written."""
    out_dir = Path(out_dir)
    total = 0
    for p in pages(count, seed):
        folder = out_dir / f"{p.story.number // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / p.name).write_bytes(p.data)
        total += len(p.data)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = write(args.out_dir, args.pages, args.seed)
    print(f"wrote {args.pages} pages, {size / 1e6:.1f} MB, to {args.out_dir}")


if __name__ == "__main__":
    main()
