"""Who a spelling stands for, decided from the evidence of every page at once, not from the order pages came in.

Plain Python, no database: `actors.evidence` feeds it the tallies it keeps and
applies what it decides.

Names are decided per *group*: the spellings that end in one surname (folded,
so Zelensky and Zelenskyy are one group). Inside a group:

- spellings that fold to the same words are one *unit* ("Volodymyr Zelenskyy",
  "Volodymyr Zelensky");
- a unit is *less specific* than another when it could be a shorter way of
  writing it: a bare surname, initials ("A. Kask"), a name without its middle
  name ("Hillary Clinton" for "Hillary Rodham Clinton");
- a less specific person unit belongs to the one more specific person it fits,
  and is *ambiguous* when it fits two: it then stands for itself (an actor of
  its own, say "Brezhinsky", that no person claims) however the pages came in;
- a unit's kind is the majority of the kinds its pages gave it;
- a spelling an analyst tied to an actor (an analyst alias: a merge, an alias
  typed in the admin, a preloaded watchlist) stands for that actor, whatever
  the pages say.

Everything here is a function of the tallies, so the same pages give the same
actors, aliases and speakers in any order, and concurrent writers agree once
each has decided under the group's lock.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .names import fold_words, name_key, surname_key

PERSON, ORGANISATION, COUNTRY = "person", "organisation", "country"
# A tie between kinds goes to the first of these.
KINDS = (PERSON, ORGANISATION, COUNTRY)
# A bare word this short is no surname to give to a person ("Xi" alone, "EU").
MIN_SURNAME = 3


@dataclass
class Tally:
    """What the pages say of one exact spelling: kinds given when it named an actor, and uses as another's alias."""

    name: str
    votes: Counter = field(default_factory=Counter)
    seen: int = 0
    roles: Counter = field(default_factory=Counter)

    @property
    def key(self):
        return name_key(self.name)


@dataclass(frozen=True)
class Root:
    """An actor the evidence asks for: `id` names the unit it stands for, stable while the evidence holds."""

    id: str
    name: str
    kind: str
    role: str = ""


@dataclass(frozen=True)
class Pinned:
    """An analyst's actor for a spelling; `root` is the Root id that actor stands for, if any (a merge's kept actor)."""

    actor_id: int
    kind: str
    root: str = ""


@dataclass
class Decision:
    """For one group: `targets` gives each spelling key a Root id or a Pinned actor (None: nobody)."""

    roots: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    # The spelling to show for each key's alias: the commonest on the pages.
    alias_names: dict = field(default_factory=dict)


def majority(votes):
    """The kind most pages gave; None without votes."""
    if not sum(votes.values()):
        return None
    return max(KINDS, key=lambda kind: (votes.get(kind, 0), -KINDS.index(kind)))


def commonest(counts):
    """The spelling used most often; the first in code-point order on a tie, so any order of pages agrees."""
    return min(counts, key=lambda name: (-counts[name], name))


def is_short(words):
    """A bare surname or initials: a form that may stand for several people."""
    return len(words) == 1 or len(words[0]) == 1


def less_specific(short, full):
    """Whether folded words `short` could be a shorter way of writing `full` (and are not the same).

    Same surname, same (or initial of the) first name, and any middle words
    of `short` found in order in `full`: "kask" and "a kask" for "arvo kask",
    "hilari clinton" for "hilari rodham clinton".
    """
    if short == full or len(short) > len(full) or short[-1] != full[-1]:
        return False
    if len(short) == 1:
        return len(short[0]) >= MIN_SURNAME
    if not _fits(short[0], full[0]):
        return False
    rest = iter(full[1:-1])
    return all(any(_fits(word, other) for other in rest) for word in short[1:-1])


def _fits(word, other):
    return word == other or (len(word) == 1 and other.startswith(word))


def _specificity(words):
    # More specific first: more words, then fewer initials.
    return (-len(words), sum(len(w) == 1 for w in words), words)


@dataclass
class _Unit:
    words: tuple
    keys: set = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    spellings: Counter = field(default_factory=Counter)
    pinned: set = field(default_factory=set)

    @cached_property
    def kind(self):
        # Read once the unit's votes and pinned actors are all in (decide), then many times.
        if self.pinned:
            return min(self.pinned, key=lambda p: p.actor_id).kind
        return majority(self.votes)

    @property
    def root_id(self):
        return ("s:" if is_short(self.words) else "f:") + " ".join(self.words)


def decide(tallies, pinned=None):
    """Decide one group: `tallies` are its Tally rows, `pinned` maps spelling keys to Pinned actors.

    Units are visited from the most specific down, so a less specific unit
    sees where every unit it could stand for went (a middle-name-less full
    name absorbed into the full one takes the bare surname with it).
    """
    pinned = pinned or {}
    units = {}
    per_key = {}

    def unit_of(key):
        words = tuple(fold_words(key))
        if not words:
            return None
        return units.setdefault(words, _Unit(words))

    for tally in tallies:
        key = tally.key
        unit = unit_of(key)
        if unit is None:
            continue
        per_key.setdefault(key, Counter())[tally.name] += sum(tally.votes.values()) + tally.seen
        if key in pinned:
            continue
        unit.keys.add(key)
        unit.votes.update(tally.votes)
        unit.spellings[tally.name] += sum(tally.votes.values())
    for key, actor in pinned.items():
        unit = unit_of(key)
        if unit is not None:
            unit.pinned.add(actor)

    decision = Decision(alias_names={key: commonest(names) for key, names in per_key.items()})
    final, decided, persons = {}, set(), _Persons()
    for words in sorted(units, key=_specificity):
        unit = units[words]
        target = final[words] = _target(unit, persons, decided)
        decided.add(target)
        if target is not None and unit.kind == PERSON:
            persons.add(words, target)
    roles = defaultdict(Counter)
    for tally in tallies:
        words = tuple(fold_words(tally.key))
        if words in units and tally.key not in pinned and isinstance(final[words], str):
            roles[final[words]].update(tally.roles)
    for words, unit in units.items():
        for key in unit.keys:
            decision.targets[key] = final[words]
        if final[words] == unit.root_id and isinstance(final[words], str):
            role = commonest(+roles[unit.root_id]) if +roles[unit.root_id] else ""
            decision.roots[unit.root_id] = Root(unit.root_id, commonest(+unit.spellings), unit.kind, role)
    return decision


def _target(unit, persons, decided):
    """Where `unit` goes, given the person units decided before it (`persons`) and every target so far."""
    if unit.pinned:
        return min(unit.pinned, key=lambda p: p.actor_id)
    own = unit.root_id if sum(unit.votes.values()) else None
    if unit.kind not in (PERSON, None):
        return own
    fits = {_same_actor(target, decided) for target in persons.fitting(unit.words)}
    if len(fits) == 1:
        return fits.pop()
    return own


class _Persons:
    """The person units decided so far with their targets, found by what a less specific form must share with
    them: a bare surname the surname, any other form the surname and the first letter of the first name.
    Looking each unit up here instead of scanning every decided unit keeps a group of a thousand spellings of
    one surname (a common name at a million articles) from costing a million comparisons a page."""

    def __init__(self):
        self.by_surname = defaultdict(list)
        self.by_initial = defaultdict(list)

    def add(self, words, target):
        self.by_surname[words[-1]].append((words, target))
        self.by_initial[words[-1], words[0][:1]].append((words, target))

    def fitting(self, short):
        """The targets of the decided units `short` is less specific than (resolution.less_specific)."""
        near = self.by_surname[short[-1]] if len(short) == 1 else self.by_initial[short[-1], short[0][:1]]
        return [target for words, target in near if less_specific(short, words)]


def _same_actor(target, decided):
    """A pinned actor that also stands for a root here is that root: after a merge, one person, not two."""
    if isinstance(target, Pinned) and target.root in decided:
        return target.root
    return target


# --- One page's names ----------------------------------------------------------


@dataclass
class PageName:
    """An actor as one page names it: the evidence a Sighting keeps."""

    name: str
    kind: str
    count: int = 0
    role: str = ""
    aliases: list = field(default_factory=list)

    @property
    def key(self):
        return name_key(self.name)

    @property
    def surname(self):
        return surname_key(self.name)


def page_names(actors, speakers=()):
    """The page's names ({key: PageName}) and where each spelling it uses goes ({spelling: key}).

    `actors` are the page's ExtractedActors, `speakers` its statements'
    speaker names. A bare surname or initials the page leaves on their own go
    to the one full name on the same page they fit (resolved per article, from
    its own names); a speaker the page names nowhere else is a name of its own.
    """
    names, where = {}, {}
    for found in actors:
        key = name_key(found.name)
        if not key:
            continue
        named = names.get(key)
        if named is None:
            named = names[key] = PageName(found.name[:200], found.kind, 0, (found.role or "")[:200])
        named.count += found.mentions
        named.role = named.role or (found.role or "")[:200]
        named.aliases.extend(a for a in found.aliases if name_key(a) and name_key(a) != key)
        where[found.name] = key
    for key, named in list(names.items()):
        host = _page_host(key, named.kind, names)
        if host is not None:
            del names[key]
            names[host].count += named.count
            names[host].role = names[host].role or named.role
            names[host].aliases.extend([named.name, *named.aliases])
            for spelling, to in where.items():
                if to == key:
                    where[spelling] = host
    for speaker in speakers:
        key = name_key(speaker or "")
        if not key or speaker in where:
            continue
        if key not in names:
            host = _page_host(key, PERSON, names)
            if host is not None:
                names[host].aliases.append(speaker)
                where[speaker] = host
                continue
            names[key] = PageName(speaker[:200], PERSON)
        where[speaker] = key
    for named in names.values():
        named.aliases = sorted({a[:200] for a in named.aliases if name_key(a) != named.key})
    return names, where


def _page_host(key, kind, names):
    """The page's one full person name that `key` (a short person form) stands for, or None."""
    words = tuple(fold_words(key))
    if kind != PERSON or not words or not is_short(words):
        return None
    hosts = []
    for other, named in names.items():
        full = tuple(fold_words(other))
        if named.kind == PERSON and not is_short(full) and less_specific(words, full):
            hosts.append(other)
    return hosts[0] if len(hosts) == 1 else None
