"""Load a generated corpus straight into the database (bulk_create), for the web benchmarks.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.load --articles 100000 [--seed 1]

Writes rows as ingest would leave them (articles, sources, actors with aliases,
mentions, statements, topics) without extracting pages: 100k articles with
about 1M statements and 5k actors load in minutes, not hours. Meant for an
empty, migrated benchmark database.
"""

import argparse
import hashlib
import io
import random
import time
from collections import Counter
from datetime import UTC

from . import corpus, setup_django, vocab

ACTORS = 5000
STATEMENTS_PER_ARTICLE = 10
BATCH = 5000


def load(articles, seed=1, log=print):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils.text import slugify

    from actors.models import Actor, Alias, Sighting, Spelling
    from actors.names import name_key, surname_key
    from articles.models import Article, ArticleTopic, Mention, Source, Statement, StatementTopic, Topic
    from articles.models import statement_fingerprint as fingerprint

    started = time.perf_counter()
    topics = {}
    for slug in vocab.TOPIC_PHRASES:
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": slug.title(), "rules": slug})
    sources = {name: Source.objects.for_name(name, domain) for name, domain in vocab.OUTLETS}

    people = [corpus.person_name(i) for i in range(ACTORS - len(vocab.COUNTRIES) - len(vocab.ORGANISATIONS))]
    actor_rows = [Actor(name=n, slug=slugify(n), kind=Actor.Kind.PERSON) for n in people]
    actor_rows += [Actor(name=n, slug=slugify(n), kind=Actor.Kind.COUNTRY) for n in vocab.COUNTRIES]
    actor_rows += [Actor(name=n, slug=slugify(n), kind=Actor.Kind.ORGANISATION) for n in vocab.ORGANISATIONS]
    # The migrations' role registry already holds some of these people (actors/0007_roles): reuse them.
    known = set(Actor.objects.values_list("name", flat=True))
    Actor.objects.bulk_create([a for a in actor_rows if a.name not in known], batch_size=BATCH)
    wanted = {a.name for a in actor_rows}
    actor_ids = {n: pk for n, pk in Actor.objects.values_list("name", "pk") if n in wanted}
    kinds = {n: kind for n, kind in Actor.objects.values_list("name", "kind") if n in wanted}
    Alias.objects.bulk_create(
        [
            Alias(actor_id=pk, name=n, origin=Alias.Origin.PAGES).fill_keys()
            for n, pk in actor_ids.items()
            if n not in known
        ],
        batch_size=BATCH,
    )
    # The evidence ingest keeps (actors.evidence): a sighting per mention, tallies per spelling.
    tallies = Counter()
    log(f"  {len(actor_ids)} actors, {len(sources)} outlets")

    totals = {"articles": 0, "statements": 0, "mentions": 0}
    for start in range(0, articles, BATCH):
        stories = [corpus.story(n, seed) for n in range(start, min(start + BATCH, articles))]
        with transaction.atomic():
            rows = Article.objects.bulk_create([_article(Article, s, sources) for s in stories], batch_size=BATCH)
            mentions, links, statements, statement_topics, sightings = [], [], [], [], []
            for s, article in zip(stories, rows, strict=True):
                rng = random.Random(f"{seed}:load:{s.number}")
                country = rng.choice(vocab.COUNTRIES)
                for name in [*s.people, country]:
                    mentions.append(Mention(article=article, actor_id=actor_ids[name], count=rng.randint(1, 4)))
                    sightings.append(
                        Sighting(
                            article=article,
                            actor_id=actor_ids[name],
                            name=name,
                            key=name_key(name),
                            surname=surname_key(name),
                            kind=kinds[name],
                            count=mentions[-1].count,
                        )
                    )
                    tallies[(name, kinds[name])] += 1
                for slug in s.topics:
                    links.append(ArticleTopic(article=article, topic=topics[slug]))
                for position, (text, speaker, kind) in enumerate(_statements(s, rng)):
                    statements.append(
                        Statement(
                            article=article,
                            speaker_id=actor_ids.get(speaker),
                            sighting=sightings[-1 - len(s.people) + s.people.index(speaker)],
                            text=text,
                            kind=kind,
                            position=position * 120,
                            fingerprint=fingerprint(text),
                            published=article.published,
                        )
                    )
                    statement_topics.append(rng.choice(s.topics) if rng.random() < 0.5 else None)
            Mention.objects.bulk_create(mentions, batch_size=BATCH)
            Sighting.objects.bulk_create(sightings, batch_size=BATCH)
            ArticleTopic.objects.bulk_create(links, batch_size=BATCH)
            Statement.objects.bulk_create(statements, batch_size=BATCH)
            StatementTopic.objects.bulk_create(
                [
                    StatementTopic(statement=st, topic=topics[slug])
                    for st, slug in zip(statements, statement_topics, strict=True)
                    if slug
                ],
                batch_size=BATCH,
            )
        totals["articles"] += len(rows)
        totals["statements"] += len(statements)
        totals["mentions"] += len(mentions)
        if (start // BATCH) % 4 == 3:
            log(f"  {totals['articles']} articles, {totals['statements']} statements")
    # bulk_create skips what keeps the per-actor counts; count once at the end.
    Actor.objects.refresh_counts(actor_ids.values())
    spellings = {}
    for (name, kind), n in tallies.items():
        spelling = spellings.setdefault(name, Spelling(name=name, key=name_key(name), surname=surname_key(name)))
        setattr(spelling, kind, n)
    Spelling.objects.bulk_create(spellings.values(), batch_size=BATCH)
    # Actors no article names stay as a watchlist would hold them (an analyst's), not as evidence-less leftovers.
    Alias.objects.exclude(name__in=spellings).update(origin=Alias.Origin.ANALYST)
    # Each actor then takes its unit of evidence (Actor.root_key), as ingest would have given it.
    settled = time.perf_counter()
    call_command("resolve_actors", stdout=io.StringIO())
    totals["resolve_actors_seconds"] = round(time.perf_counter() - settled, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    totals["actors"] = len(actor_ids)
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def _article(Article, s, sources):
    return Article(
        title=s.title,
        source=sources[s.outlet],
        author=s.author,
        published=s.published.replace(tzinfo=UTC),
        published_has_time=True,
        url=s.url,
        body=s.body,
        language="en",
        origin=s.url,
        file_name=f"{s.number:07d}.html",
        content_hash=hashlib.sha256(s.url.encode()).hexdigest(),
        extractor_version="bench",
    )


def _statements(s, rng):
    """The story's statements, topped up with reported speech to about STATEMENTS_PER_ARTICLE."""
    seen = set()
    out = []
    for st in s.statements:
        if st.text not in seen:
            seen.add(st.text)
            out.append((st.text, st.speaker, st.kind))
    claims = list(vocab.INDIRECT_CLAIMS)
    rng.shuffle(claims)
    fill = {
        "country": rng.choice(vocab.COUNTRIES),
        "country2": rng.choice(vocab.COUNTRIES),
        "city": rng.choice(vocab.CITIES),
        "org": rng.choice(vocab.ORGANISATIONS),
    }
    target = STATEMENTS_PER_ARTICLE + rng.randint(-3, 3)
    while len(out) < target and claims:
        topic = rng.choice(s.topics)
        text = claims.pop().format(**fill, topic_phrase=rng.choice(vocab.TOPIC_PHRASES[topic]).format(**fill))
        if text not in seen:
            seen.add(text)
            out.append((text, rng.choice(s.people), "indirect"))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    print(load(args.articles, args.seed))


if __name__ == "__main__":
    main()
