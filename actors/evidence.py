"""Actor resolution in the database: each page's names kept as evidence, and what they stand for decided from all of it.

A page's names become Sightings and are added to the Spelling tallies; the
groups of spellings they touch (one per surname, see actors.resolution) are
then decided again from the tallies and the analysts' aliases, and the database
made to say it: actors created, renamed, re-kinded; aliases rewritten; and the
sightings of other articles whose spelling now stands for someone else moved,
with their mentions and their statements' speakers, a query per kind of row
rather than a page at a time.

Concurrent writers (ingest --workers, --queue, two ingests) decide a group
one at a time: on PostgreSQL each transaction takes an advisory lock per group
it touches, in one sorted order, and holds it to commit, so whoever decides
next reads the tallies the previous writer committed. The last decision on a
group is then made from all of its evidence, whatever the order pages came in.
SQLite takes one writer at a time anyway.

What analysts decided wins: an analyst's alias pins its spelling; a corrected
speaker is never moved; corrected names, kinds and roles are kept.
"""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Q

from articles.models import Mention, Statement, desk_changed
from articles.utterances import carry_with_speakers

from . import resolution
from .models import Actor, ActorMerge, Alias, Sighting, Spelling
from .names import name_key, surname_key, unique_slug
from .resolution import Pinned, Tally, page_names

# Rows per `IN (...)` list: SQLite allows 32,766 parameters, older builds 999.
CHUNK = 900


@dataclass
class CountChanges:
    """How writes changed actors' stored counts: {actor id: +n or -n} (Actor.objects.add_to_counts)."""

    articles: Counter = field(default_factory=Counter)
    statements: Counter = field(default_factory=Counter)
    # What deciding again wrote, by kind of row ("actors made", "sightings moved", ...), for reports.
    written: Counter = field(default_factory=Counter)

    def apply(self):
        Actor.objects.add_to_counts(self.articles, self.statements)


@dataclass
class PageActors:
    """Where a stored page's spellings went: {spelling: actor id} and {spelling: sighting id}."""

    actors: dict
    sightings: dict
    # Actors that lost sightings or aliases here: deleted at the end if nothing is left on them.
    orphans: set


def lock_groups(surnames):
    """Hold each group's lock until commit (PostgreSQL), taken in one order so that writers cannot deadlock."""
    if connection.vendor != "postgresql" or not surnames:
        return
    ids = sorted({_lock_id(s) for s in surnames})
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", [ids])


def _lock_id(surname):
    digest = hashlib.blake2b(f"newsdesk.actors:{surname}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# --- A page ------------------------------------------------------------------


def resolve_page(article, page, changes):
    """Record the page's names as a stored `article`'s sightings and decide what they stand for; returns PageActors.

    Call inside the page's transaction (an article made in it has no
    sightings yet: resolve_new_pages). Other articles whose sightings move
    have their mentions and statements moved here; `article`'s own are the
    caller's to write (articles.storing) from the returned actors.
    """
    names, spellings = _names_of(page)
    # Only the article's own transaction changes its sightings' spellings (it holds the
    # article's row lock), so the groups to lock can be read before locking them.
    had = Sighting.objects.filter(article=article).values_list("surname", "aliases")
    groups = _groups_of(names)
    for surname, aliases in had:
        groups |= {surname, *map(surname_key, aliases)}
    groups.discard("")
    lock_groups(groups)

    # Read again under the locks: another page's decision may have moved these sightings meanwhile.
    before = {s.key: s for s in Sighting.objects.filter(article=article)}
    tallies = _TallyChanges()
    for sighting in before.values():
        tallies.add(sighting.name, sighting.kind, sighting.role, sighting.aliases, -1)
    for named in names.values():
        tallies.add(named.name, named.kind, named.role, named.aliases, +1)
    rows = tallies.save(_in_chunks(Spelling.objects.all(), "surname", sorted(groups)))

    settled = settle(groups, changes, exclude_article=article.pk, spellings=rows)
    wanted = settled.actor_of_key
    orphans = set(settled.orphans)
    new, changed, ids = [], [], {}
    for key, named in names.items():
        values = _sighting_values(named, wanted[key])
        sighting = before.pop(key, None)
        if sighting is None:
            new.append(Sighting(article=article, key=key, **values))
            continue
        ids[key] = sighting.pk
        if sighting.actor_id != wanted[key]:
            orphans.add(sighting.actor_id)
        if any(getattr(sighting, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(sighting, f, v)
            changed.append(sighting)
    orphans |= {s.actor_id for s in before.values()}
    if before:
        Sighting.objects.filter(pk__in=[s.pk for s in before.values()]).delete()
    Sighting.objects.bulk_update(changed, ["name", "surname", "kind", "count", "role", "aliases", "actor_id"])
    ids.update({s.key: s.pk for s in Sighting.objects.bulk_create(new)})
    return _page_actors(names, spellings, wanted, ids, orphans)


def resolve_new_pages(pages, changes):
    """resolve_page for articles made in this transaction, many at once: [(article, page)] -> [PageActors].

    Their names are added to the tallies together and every group they touch
    is decided once, from the tallies with all of them: what a decision page
    by page would end at, since the last page of a group decides it from all of
    its evidence (see the module docstring). A batch of pages costs the
    queries of one (ingest --workers stores its pages so, articles.ingest.store_pages).
    New articles have no sightings for a decision to move, so none is excluded.
    """
    tallies, groups, named_pages = _TallyChanges(), set(), []
    for article, page in pages:
        names, spellings = _names_of(page)
        groups |= _groups_of(names)
        for named in names.values():
            tallies.add(named.name, named.kind, named.role, named.aliases, +1)
        named_pages.append((article, names, spellings))
    groups.discard("")
    lock_groups(groups)
    rows = tallies.save(_in_chunks(Spelling.objects.all(), "surname", sorted(groups)))
    settled = settle(groups, changes, spellings=rows)
    wanted = settled.actor_of_key
    new = [
        Sighting(article=article, key=key, **_sighting_values(named, wanted[key]))
        for article, names, _ in named_pages
        for key, named in names.items()
    ]
    Sighting.objects.bulk_create(new)
    ids = {(s.article_id, s.key): s.pk for s in new}
    # A decision's orphans are the batch's to remove once all its pages are written (storing.store_new_pages).
    return [
        _page_actors(names, spellings, wanted, {key: ids[(article.pk, key)] for key in names}, set(settled.orphans))
        for article, names, spellings in named_pages
    ]


def _names_of(page):
    """The page's names that have a surname ({key: PageName}), and where its spellings go ({spelling: key})."""
    # An unnamed source ("a senior official") is described, not an actor: it is never resolved to one.
    speakers = [s.speaker for s in page.statements if s.speaker and not getattr(s, "unnamed", False)]
    names, spellings = page_names(page.actors, speakers)
    return {key: named for key, named in names.items() if named.surname}, spellings


def _groups_of(names):
    groups = {named.surname for named in names.values()}
    groups |= {surname_key(a) for named in names.values() for a in named.aliases}
    return groups


def _sighting_values(named, actor_id):
    return {
        "name": named.name,
        "surname": named.surname,
        "kind": _kind(named.kind),
        "count": named.count,
        "role": named.role,
        "aliases": named.aliases,
        "actor_id": actor_id,
    }


def _page_actors(names, spellings, wanted, ids, orphans):
    return PageActors(
        actors={spelling: wanted[key] for spelling, key in spellings.items() if key in names},
        sightings={spelling: ids[key] for spelling, key in spellings.items() if key in names},
        orphans=orphans - {None},
    )


def _kind(kind):
    return kind if kind in Spelling.KINDS else Actor.Kind.PERSON


class _TallyChanges:
    """Changes to the Spelling tallies, saved in one read and a bulk write or two."""

    def __init__(self):
        self.changes = defaultdict(Counter)
        self.roles = defaultdict(Counter)

    def add(self, name, kind, role, aliases, sign):
        kind = _kind(kind)
        self.changes[name][kind] += sign
        if role:
            self.roles[name][role] += sign
        # Another spelling of a person is a short form or a transliteration the rules can place;
        # an organisation's other spellings ("Council" for "Security Council") are no evidence of anyone.
        if kind == Actor.Kind.PERSON:
            for alias in aliases:
                self.changes[alias]["seen"] += sign

    def save(self, rows):
        """Apply the changes to `rows`, the Spelling rows of every group they touch; returns the rows now."""
        changes = {name: c for name, c in self.changes.items() if any(c.values()) or any(self.roles[name].values())}
        if not changes:
            return rows
        have = {s.name: s for s in rows}
        new, changed, gone = [], [], []
        for name, change in changes.items():
            spelling = have.get(name)
            if spelling is None:
                spelling = Spelling(name=name, key=name_key(name), surname=surname_key(name))
                new.append(spelling)
            else:
                changed.append(spelling)
            for column, n in change.items():
                setattr(spelling, column, max(0, getattr(spelling, column) + n))
            roles = Counter(spelling.roles)
            roles.update(self.roles.get(name, {}))
            spelling.roles = {role: n for role, n in sorted(roles.items()) if n > 0}
            if spelling.empty and spelling.pk:
                gone.append(spelling.pk)
        new = [s for s in new if not s.empty]
        changed = [s for s in changed if not s.empty]
        if gone:
            Spelling.objects.filter(pk__in=gone).delete()
        _update_tallies(changed)
        Spelling.objects.bulk_create(new)
        return [s for s in [*rows, *new] if not s.empty]


def _update_tallies(spellings):
    """Write the tallies of these Spelling rows in one statement (bulk_update builds a CASE per column, which cost
    more Python than the rest of a page's resolution; one UPDATE per row, a page's five or so, cost PostgreSQL a
    parse and plan each)."""
    if not spellings:
        return
    table = Spelling._meta.db_table
    rows = [(s.pk, s.person, s.organisation, s.country, s.seen, json.dumps(s.roles)) for s in spellings]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(
                f"UPDATE {table} SET person = %s, organisation = %s, country = %s, seen = %s, roles = %s WHERE id = %s",
                [(*row[1:], row[0]) for row in rows],
            )
            return
        cursor.execute(
            f"UPDATE {table} AS s SET person = t.person, organisation = t.organisation, country = t.country, "
            "seen = t.seen, roles = t.roles::jsonb "
            "FROM unnest(%s::bigint[], %s::integer[], %s::integer[], %s::integer[], %s::integer[], %s::text[]) "
            "AS t(id, person, organisation, country, seen, roles) WHERE s.id = t.id",
            [list(column) for column in zip(*rows, strict=True)],
        )


# --- Deciding groups -----------------------------------------------------------


@dataclass
class Settled:
    # {spelling key: actor id} for every key the groups hold.
    actor_of_key: dict
    orphans: set


def settle(groups, changes, exclude_article=None, check_keys=(), spellings=None):
    """Decide `groups` (surnames) from their tallies and analysts' aliases, and make the database say it.

    Call inside a transaction holding the groups' locks. Sightings of
    `exclude_article` are left to the caller. `check_keys` are spellings whose
    sightings may not follow their alias yet (an analyst just pinned them);
    otherwise only spellings whose alias changes are looked at. `spellings`
    are the groups' Spelling rows, when the caller has read them.
    """
    groups = sorted(set(groups) - {""})
    if spellings is None:
        spellings = _in_chunks(Spelling.objects.all(), "surname", groups)
    # An alias whose stored surname is stale (loaded from a fixture without it) is still found by its key.
    keys = sorted({s.key for s in spellings})
    if len(groups) + len(keys) <= CHUNK:
        # One query for a page's few groups (keys are unique: an alias found both ways is one row).
        aliases = list(Alias.objects.select_related("actor").filter(Q(surname__in=groups) | Q(key__in=keys)))
    else:
        aliases = _in_chunks(Alias.objects.select_related("actor"), "surname", groups)
        missing = set(keys) - {a.key for a in aliases}
        aliases += _in_chunks(Alias.objects.select_related("actor"), "key", sorted(missing))
    tallies, pinned, machine = defaultdict(list), defaultdict(dict), {}
    votes = Counter()
    for s in spellings:
        kinds = Counter({kind: getattr(s, kind) for kind in Spelling.KINDS if getattr(s, kind)})
        tallies[s.surname].append(Tally(s.name, kinds, s.seen, Counter(s.roles)))
        votes[s.key] += sum(kinds.values())
    for alias in aliases:
        if alias.origin == Alias.Origin.ANALYST:
            pinned[surname_key(alias.key)][alias.key] = Pinned(alias.actor_id, alias.actor.kind, alias.actor.root_key)
        else:
            machine[alias.key] = alias
    decisions = {g: resolution.decide(tallies[g], pinned[g]) for g in groups}

    roots = {root.id: root for d in decisions.values() for root in d.roots.values()}
    actors, orphans = _actors_for(roots, decisions, machine, votes, set(groups), changes.written)
    for root_id, actor in actors.items():
        changes.written["actors renamed, re-kinded or given a role"] += _follow(actor, roots[root_id])

    actor_of_key = {}
    for g, decision in decisions.items():
        for key, target in decision.targets.items():
            actor_of_key[key] = _actor_id(target, actors)
        actor_of_key.update({key: p.actor_id for key, p in pinned[g].items()})

    # Spellings whose sightings no longer go where their alias said (looked at before the aliases change).
    analysts = pinned_keys(pinned)
    look = {key for key, n in votes.items() if n and key in actor_of_key and key not in analysts}
    look = {key for key in look if key not in machine or machine[key].actor_id != actor_of_key[key]}
    look |= set(check_keys)
    orphans |= _rewrite_aliases(decisions, actors, machine, changes.written)
    orphans |= move_sightings({k: actor_of_key.get(k) for k in look}, changes, exclude_article)
    return Settled(actor_of_key, orphans)


def pinned_keys(pinned):
    return {key for keys in pinned.values() for key in keys}


def _actor_id(target, actors):
    if target is None:
        return None
    if isinstance(target, Pinned):
        return target.actor_id
    return actors[target].pk


def _actors_for(roots, decisions, machine, votes, groups, written):
    """{root id: Actor}: the actor standing for each root, adopted or created; and the actors no root wants now.

    An actor keeps its root while the evidence asks for it. A new root (the
    unit of "Arvo Kask" once his full name appears) takes over the actor whose
    root went (the "Kask" actor the bare surname had), or an actor from before
    evidence was kept, holding most of its spellings; so pages, links and
    analysts' corrections stay with the same record. Otherwise it is created.
    """
    # The aliases read bring their actors: one instance per actor, and a query only for roots they miss.
    aliased = {}
    for alias in machine.values():
        aliased.setdefault(alias.actor_id, alias.actor)
    actors = {a.root_key: a for a in aliased.values() if a.root_key in roots}
    missing = [r for r in roots if r not in actors]
    actors.update({a.root_key: a for a in _in_chunks(Actor.objects.all(), "root_key", missing)})
    held = {}
    for actor in aliased.values():
        if actor.root_key in roots:
            continue
        if not actor.root_key or _group_of(actor.root_key) in groups:
            held[actor.pk] = actor
    orphans = set(held)
    if held:
        # Made by hand (a watchlist's, or Actor.objects.resolve's: its own name is an analyst's alias) is never
        # taken over; a merge's kept actor, whose analyst's aliases are the merged spellings, may be.
        pinned = Alias.objects.filter(actor_id__in=held, origin=Alias.Origin.ANALYST).values_list("actor_id", "key")
        hand = {pk for pk, key in pinned if key == name_key(held[pk].name)}
        held = {pk: a for pk, a in held.items() if a.root_key or pk not in hand}
    keys_of = defaultdict(list)
    for decision in decisions.values():
        for key, target in decision.targets.items():
            if isinstance(target, str):
                keys_of[target].append(key)
    new = [r for r in roots if r not in actors]
    to_make = []
    for root_id in sorted(new, key=lambda r: (-sum(votes[k] for k in keys_of[r]), r)):
        score = Counter()
        for key in keys_of[root_id]:
            alias = machine.get(key)
            if alias is not None and alias.actor_id in held:
                score[alias.actor_id] += votes[key] + 1
        if score:
            pk = min(score, key=lambda pk: (-score[pk], pk))
            actor = held.pop(pk)
            actor.root_key = root_id
            actor.save(update_fields=["root_key"])
            written["actors taken over by new evidence"] += 1
            actors[root_id] = actor
        else:
            to_make.append(roots[root_id])
    actors.update(_create_all(to_make))
    written["actors made"] += len(to_make)
    vanished = [a for a in held.values() if a.root_key]
    if vanished:
        Actor.objects.filter(pk__in=[a.pk for a in vanished]).update(root_key="")
    return actors, orphans


def _group_of(root_id):
    return root_id[2:].rsplit(" ", 1)[-1]


def _create_all(roots):
    """{root id: new Actor} for `roots`, in order: made together (a page of new names has several), each on its own
    when its slug is taken."""
    if not roots:
        return {}
    bases = {root.id: unique_slug(root.name, lambda slug: False) for root in roots}
    taken = set(Actor.objects.filter(slug__in=set(bases.values())).values_list("slug", flat=True))
    batch = []
    for root in roots:
        if bases[root.id] not in taken:
            taken.add(bases[root.id])
            batch.append(Actor(name=root.name, slug=bases[root.id], kind=root.kind, role=root.role, root_key=root.id))
    try:
        with transaction.atomic():
            Actor.objects.bulk_create(batch)
    except IntegrityError:
        batch = []  # another ingest took one of the slugs meanwhile: each is made on its own below
    made = {actor.root_key: actor for actor in batch}
    return {root.id: made.get(root.id) or _create(root) for root in roots}


def _create(root):
    for _ in range(10):
        slug = unique_slug(root.name, lambda s: Actor.objects.filter(slug=s).exists())
        try:
            with transaction.atomic():
                return Actor.objects.create(name=root.name, slug=slug, kind=root.kind, role=root.role, root_key=root.id)
        except IntegrityError:
            continue  # another group's new actor took the slug meanwhile
    raise IntegrityError(f"no free slug for {root.name!r}")


def _follow(actor, root):
    """Give a root's actor the name, kind and role the evidence decides, unless an analyst set them."""
    wanted = {}
    if not actor.name_corrected and actor.name != root.name:
        wanted["name"] = root.name
    if not actor.kind_corrected and actor.kind != root.kind:
        wanted["kind"] = root.kind
    if not actor.role_corrected and actor.role != root.role:
        wanted["role"] = root.role
    if wanted:
        for name, value in wanted.items():
            setattr(actor, name, value)
        actor.save(update_fields=list(wanted))
    return bool(wanted)


def _rewrite_aliases(decisions, actors, machine, written):
    """Make the groups' page aliases say what the decisions say; returns the actors that lost one."""
    wanted = {}
    for decision in decisions.values():
        for key, target in decision.targets.items():
            actor_id = _actor_id(target, actors)
            if actor_id is not None:
                wanted[key] = (actor_id, decision.alias_names[key])
    new, changed, gone, lost = [], [], [], set()
    for key, (actor_id, name) in wanted.items():
        alias = machine.get(key)
        if alias is None:
            new.append(Alias(actor_id=actor_id, name=name, origin=Alias.Origin.PAGES).fill_keys())
        elif (alias.actor_id, alias.name) != (actor_id, name):
            if alias.actor_id != actor_id:
                lost.add(alias.actor_id)
            alias.actor_id, alias.name = actor_id, name
            changed.append(alias.fill_keys())
    for key, alias in machine.items():
        if key not in wanted:
            gone.append(alias.pk)
            lost.add(alias.actor_id)
    if gone:
        Alias.objects.filter(pk__in=gone).delete()
    Alias.objects.bulk_update(changed, ["actor_id", "name", "fuzzy", "surname"])
    Alias.objects.bulk_create(new)
    written["aliases written"] += len(new) + len(changed) + len(gone)
    return lost


# --- Moving what depends on a decision ------------------------------------------


def move_sightings(wanted, changes, exclude_article=None):
    """Move the sightings of each spelling key in `wanted` ({key: actor id}) to that actor, with what follows them.

    Their articles' mentions shift by the sightings' counts and their
    statements change speaker, except where an analyst corrected it, taking
    their utterances along (articles.utterances.carry_with_speakers); the
    actors' stored counts shift in `changes`. Returns the actors that lost
    sightings.
    """
    if not wanted:
        return set()
    rows = []
    for chunk in _chunks(wanted):
        found = Sighting.objects.filter(key__in=chunk)
        if exclude_article is not None:
            found = found.exclude(article_id=exclude_article)
        rows += found.values_list("pk", "article_id", "actor_id", "key", "count")
    moves = defaultdict(list)
    mentions = Counter()
    for pk, article_id, actor_id, key, count in rows:
        if key not in wanted or actor_id == wanted[key] or wanted[key] is None:
            continue
        moves[(actor_id, wanted[key])].append(pk)
        if count:
            if actor_id is not None:
                mentions[(article_id, actor_id)] -= count
            mentions[(article_id, wanted[key])] += count
    spoken = []
    for (old, new), pks in moves.items():
        changes.written["sightings moved"] += len(pks)
        for chunk in _chunks(pks):
            Sighting.objects.filter(pk__in=chunk).update(actor_id=new)
            statements = Statement.objects.filter(sighting_id__in=chunk, speaker_corrected=False)
            statements = statements.filter(speaker_id=old) if old is not None else statements.filter(speaker=None)
            spoken += statements.values_list("pk", flat=True)
            # Rejected statements move too but are in no count: moved in a second update.
            moved = statements.counted().update(speaker_id=new)
            changes.written["speakers moved"] += moved + statements.update(speaker_id=new)
            changes.statements[new] += moved
            if old is not None:
                changes.statements[old] -= moved
    # Their remarks go with them, as a merge moves the merged actor's utterances (merge below).
    carry_with_speakers(spoken)
    _shift_mentions({pair: n for pair, n in mentions.items() if n}, changes)
    return {old for old, _ in moves} - {None}


def _shift_mentions(shifts, changes):
    """Add {(article id, actor id): n} to the mentions' counts: rows made, changed or deleted as the counts say.

    Rows are read as values, locked, and written with one statement per kind of change: a decision that
    moves thousands of articles builds no model instance per mention.
    """
    if not shifts:
        return
    articles = sorted({a for a, _ in shifts})
    have = {}
    for chunk in _chunks(articles):
        rows = Mention.objects.select_for_update().filter(article_id__in=chunk).order_by("pk")
        for pk, article_id, actor_id, count in rows.values_list("pk", "article_id", "actor_id", "count"):
            if (article_id, actor_id) in shifts:
                have[(article_id, actor_id)] = (pk, count)
    new, changed, gone = [], [], []
    for (article_id, actor_id), n in shifts.items():
        if (article_id, actor_id) not in have:
            if n > 0:
                new.append(Mention(article_id=article_id, actor_id=actor_id, count=n))
                changes.articles[actor_id] += 1
            continue
        pk, count = have[(article_id, actor_id)]
        if count + n > 0:
            changed.append((count + n, pk))
        else:
            gone.append(pk)
            changes.articles[actor_id] -= 1
    for chunk in _chunks(gone):
        Mention.objects.filter(pk__in=chunk).delete_uncounted()
    if changed:
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {Mention._meta.db_table} SET count = %s WHERE id = %s", changed)
    Mention.objects.bulk_create(new, batch_size=CHUNK)


def suppress(actors, suppressed=True):
    """Say these actors are no actors (or, with suppressed=False, are again); returns how many changed.

    A suppressed actor is hidden from analysts (Actor.objects.shown) and stays
    so through any ingest: its spellings become the analyst's (pinned, see
    settle), so a page naming it again resolves to the same hidden record
    instead of making a new actor, and remove_orphans never deletes it.
    Showing it again leaves the spellings pinned: the record is the analyst's now.
    """
    ids = [actor.pk for actor in actors]
    with transaction.atomic():
        if suppressed:
            for actor in Actor.objects.filter(pk__in=ids).select_for_update().order_by("pk"):
                actor.add_alias(actor.name)
            Alias.objects.filter(actor_id__in=ids, origin=Alias.Origin.PAGES).update(origin=Alias.Origin.ANALYST)
        changed = Actor.objects.filter(pk__in=ids).exclude(suppressed=suppressed).update(suppressed=suppressed)
    desk_changed()
    return changed


def remove_orphans(actor_ids):
    """Delete the actors among these that nothing holds any more (they stood for evidence that went elsewhere).

    An actor with an analyst's alias, a merge into it, a corrected field or
    any sighting, mention or statement (a corrected speaker, a quote an
    analyst kept) stays.
    """
    ids = sorted({pk for pk in actor_ids if pk is not None})
    if not ids:
        return 0
    holders = [Sighting, Mention, Alias]
    empty = Actor.objects.filter(
        pk__in=ids, name_corrected=False, kind_corrected=False, role_corrected=False, suppressed=False
    )
    for model in holders:
        empty = empty.exclude(Exists(model.objects.filter(actor=OuterRef("pk"))))
    empty = empty.exclude(Exists(Statement.objects.filter(speaker=OuterRef("pk"))))
    empty = empty.exclude(Exists(ActorMerge.objects.filter(kept=OuterRef("pk"))))
    return empty.delete()[0]


# --- Analysts' merges ----------------------------------------------------------


def merge(kept, others, user=None):
    """Move the statements, utterances, mentions and aliases of `others` onto `kept`, then delete them.

    For analysts fixing what discovery split (the admin's merge action). Each merge is recorded as an
    ActorMerge; the moved aliases become the analyst's (actors.evidence
    never moves them), so a re-ingested page resolves to `kept`. The
    spellings' groups are then decided again: a surname the two shared may
    now fit one person only.
    """
    from .evidence import lock_groups, settle_groups

    records = []
    others = [other for other in others if other.pk != kept.pk]
    groups = set(Alias.objects.filter(actor__in=[kept, *others]).values_list("surname", flat=True))
    groups |= set(Sighting.objects.filter(actor__in=others).values_list("surname", flat=True))
    with transaction.atomic():
        lock_groups(groups)
        for other in others:
            aliases = list(other.aliases.values_list("name", flat=True))
            other.sightings.update(actor=kept)
            statements = other.statements.update(speaker=kept)
            # Their remarks are the kept actor's too (articles.utterances groups a speaker's statements).
            other.utterances.update(speaker=kept)
            mentions = 0
            for mention in other.mentions.all():
                existing = kept.mentions.filter(article_id=mention.article_id).first()
                if existing is not None:
                    existing.count += mention.count
                    existing.save(update_fields=["count"])
                    mention.delete()
                else:
                    mention.actor = kept
                    mention.save(update_fields=["actor"])
                mentions += 1
            other.aliases.update(actor=kept, origin=Alias.Origin.ANALYST)
            # The roles they held are the kept actor's: deleting `other` would take them along.
            other.roles_held.update(holder=kept)
            if other.role and not kept.role:
                kept.role = other.role
                kept.save(update_fields=["role"])
            records.append(
                ActorMerge.objects.create(
                    kept=kept,
                    merged_name=other.name,
                    merged_key=name_key(other.name),
                    merged_slug=other.slug,
                    merged_kind=other.kind,
                    aliases=aliases,
                    statements_moved=statements,
                    mentions_moved=mentions,
                    merged_by=user,
                )
            )
            other.delete()
        Actor.objects.refresh_counts([kept.pk])
        settle_groups(groups)
    return records


def split(actor, alias_ids, name=None):
    """Move the chosen aliases of `actor` (and what the pages say under them) to a new actor; returns it.

    For a wrong merge, by an analyst or by the evidence: the spellings chosen
    become the new actor's analyst aliases and the rest of `actor`'s become
    `actor`'s, so both decisions are pinned (see settle) and survive any
    ingest and `resolve_actors`. The sightings of the moved spellings then
    move, and with them their mentions and the statements an analyst did not
    correct. A merge record of a moved spelling is dropped: it no longer leads
    to `actor`. The new actor takes `name` (default: the longest moved
    spelling), `actor`'s kind and no role.
    """
    chosen = list(actor.aliases.filter(pk__in=alias_ids))
    if not chosen:
        raise ValueError("Choose the spellings that go to the new actor.")
    if len(chosen) == actor.aliases.count():
        raise ValueError("Leave at least one spelling with the actor: choose fewer.")
    moved_keys = {alias.key for alias in chosen}
    name = (name or "").strip() or max((alias.name for alias in chosen), key=lambda n: (len(n), n))
    groups = set(actor.aliases.values_list("surname", flat=True)) | {surname_key(name)}
    with transaction.atomic():
        lock_groups(groups)
        new = Actor.objects.create(
            name=name,
            slug=unique_slug(name, lambda s: Actor.objects.filter(slug=s).exists()),
            kind=actor.kind,
            name_corrected=True,
        )
        actor.aliases.filter(pk__in=[a.pk for a in chosen]).update(actor=new, origin=Alias.Origin.ANALYST)
        actor.aliases.update(origin=Alias.Origin.ANALYST)
        if not new.aliases.filter(key=name_key(name)).exists():
            new.add_alias(name)
        ActorMerge.objects.filter(kept=actor, merged_key__in=moved_keys).delete()
        settle_groups(groups - {""}, check_keys=moved_keys)
    return new


# --- Whole groups ----------------------------------------------------------------


def settle_groups(groups, check_keys=()):
    """Decide these groups again in one transaction, under their locks, applying counts and removing orphans.

    For writes outside ingest that change the evidence or the analysts'
    aliases: a merge, an alias edited in the admin, deleted articles, and
    `manage.py resolve_actors`. Returns the CountChanges, whose `written`
    says what changed.
    """
    changes = CountChanges()
    with transaction.atomic():
        lock_groups(groups)
        settled = settle(groups, changes, check_keys=check_keys)
        changes.apply()
        changes.written["actors removed"] += remove_orphans(settled.orphans)
    return changes


def recounted_tallies():
    """{spelling: Counter of kinds, "seen" and ("role", role)} counted over every sighting, as the tallies should be."""
    counted = defaultdict(Counter)
    rows = Sighting.objects.order_by().values_list("name", "kind", "role", "aliases")
    for name, kind, role, aliases in rows.iterator(chunk_size=5000):
        counted[name][_kind(kind)] += 1
        if role:
            counted[name][("role", role)] += 1
        if _kind(kind) == Actor.Kind.PERSON:
            for alias in aliases:
                counted[alias]["seen"] += 1
    return counted


def stored_tallies():
    stored = defaultdict(Counter)
    for s in Spelling.objects.iterator(chunk_size=5000):
        stored[s.name].update({k: getattr(s, k) for k in (*Spelling.KINDS, "seen") if getattr(s, k)})
        stored[s.name].update({("role", role): n for role, n in s.roles.items() if n})
    return stored


def rewrite_tallies(counted):
    """Make the Spelling tallies equal `counted` (recounted_tallies); returns how many spellings changed."""
    stored = stored_tallies()
    wrong = [name for name in stored.keys() | counted.keys() if stored.get(name) != counted.get(name)]
    with transaction.atomic():
        for chunk in _chunks(wrong):
            Spelling.objects.filter(name__in=chunk).delete()
            Spelling.objects.bulk_create(
                [
                    Spelling(
                        name=name,
                        key=name_key(name),
                        surname=surname_key(name),
                        seen=counted[name]["seen"],
                        roles={k[1]: n for k, n in sorted(counted[name].items(), key=str) if isinstance(k, tuple)},
                        **{kind: counted[name][kind] for kind in Spelling.KINDS},
                    )
                    for name in chunk
                    if name in counted and name_key(name)
                ]
            )
    return len(wrong)


def forget_articles(article_ids):
    """Take the sightings of articles about to be deleted out of the tallies; returns the groups to decide again.

    Call inside the deleting transaction, before the delete; then
    `settle_groups` on the result once the articles are gone.
    """
    rows = []
    for chunk in _chunks(list(article_ids)):
        rows += Sighting.objects.filter(article_id__in=chunk).values_list("name", "kind", "role", "aliases", "surname")
    if not rows:
        return set()
    groups = {surname for *_, surname in rows}
    groups |= {surname_key(a) for _, _, _, aliases, _ in rows for a in aliases}
    groups.discard("")
    lock_groups(groups)
    tallies = _TallyChanges()
    for name, kind, role, aliases, _ in rows:
        tallies.add(name, kind, role, aliases, -1)
    tallies.save(_in_chunks(Spelling.objects.all(), "surname", sorted(groups)))
    return groups


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _in_chunks(queryset, field, values):
    rows = []
    for chunk in _chunks(values):
        rows += queryset.filter(**{f"{field}__in": chunk})
    return rows
