"""Full-text search of articles and statements: the query's terms, and the SQL that matches and ranks them.

On PostgreSQL, migration 0007 stores each row's vector in a generated
`search_vector` column with a GIN index (articles: title weighted A and body
B; statements: their text, English configuration): ranking thousands of
matches by recomputing to_tsvector(body) took seconds, reading the stored
vector takes milliseconds, and the database keeps the column in step with
every write. The models do not declare the column, so SQLite, which matches
the same terms with LIKE, never sees it.

Read through the querysets' `search(q)` (articles.models); the search forms
check a query's terms with `search_terms` and MAX_SEARCH_TERMS (articles.filters).
"""

import re
from operator import itemgetter

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import DateTimeField, Expression, F, FloatField, Func, OrderBy, Q

SEARCH_CONFIG = "english"

# ts_headline wraps matched words in these Unicode private-use characters,
# which real text never uses. Templates escape a snippet first and only then
# turn them into <mark> (articles.templatetags.newsdesk.marked), so page text
# can never inject markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"

# More terms than anyone types; the search forms refuse more (articles.filters).
MAX_SEARCH_TERMS = 32

# A list page ranks a search's matches only when there are at most this many (articles.listing.search_page):
# ranking reads every match's stored vector, and at 100,000 articles a common word's 15,789 articles or a
# phrase's 84,568 statements took 160 and 243 ms (41,000 heap blocks). A broader search is listed newest
# first, the way news searches offer "sorted by date", and counted as "more than" this.
RANKED_MATCHES = 1000


class StoredSearchVector(Expression):
    """The `search_vector` column of the query's own table (PostgreSQL only, see migration 0007).

    Named through the query's base alias rather than the table name, so it
    stays right when Django nests the query as a subquery and relabels it.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(compiler.query.get_initial_alias())}.search_vector", []


def search_terms(q):
    """`q` as alternatives of required terms, the way PostgreSQL's websearch syntax reads it.

    Words and "quoted phrases" are all required; `or` separates alternatives;
    a leading `-` excludes a word or phrase. Returns [[(term, excluded), ...], ...].
    """
    groups = [[]]
    for minus, phrase, word in re.findall(r'(-?)(?:"([^"]*)"?|(\S+))', q):
        term = (phrase or word).strip()
        if not term:
            continue
        if word.lower() == "or" and not minus:
            groups.append([])
        else:
            groups[-1].append((term, bool(minus)))
    return [group for group in groups if group]


def websearch_text(q):
    """`q` rewritten from its terms (search_terms) for PostgreSQL's websearch_to_tsquery.

    PostgreSQL parses the raw text itself, and some of it it cannot take: a
    run of minus signs nests one NOT per sign until "tsquery stack too
    small", a database error. Rewritten, each term is one word or "phrase"
    with at most one minus, terms without letters or digits are dropped,
    and there are at most MAX_SEARCH_TERMS of them.
    """
    groups, count = [], 0
    for group in search_terms(q):
        terms = []
        for term, excluded in group:
            words = re.findall(r"\w+", term)
            if not words or count == MAX_SEARCH_TERMS:
                continue
            count += 1
            # A word keeps its inner punctuation (U.S., pro-Russian); anything else is a phrase of its words.
            plain = term.lstrip("-")
            text = plain if re.fullmatch(r"\w[\w.'’-]*", plain) else f'"{" ".join(words)}"'
            terms.append(("-" if excluded else "") + text)
        if terms:
            groups.append(" ".join(terms))
    return " or ".join(groups)


def terms_condition(q, fields):
    """A Q matching `q` (see search_terms) against `fields`, case-insensitively."""
    condition = Q()
    for group in search_terms(q):
        required = Q()
        for term, excluded in group:
            anywhere = Q()
            for field in fields:
                anywhere |= Q(**{f"{field}__icontains": term})
            required &= ~anywhere if excluded else anywhere
        condition |= required
    return condition


def search(queryset, q, *, fields, headline, headline_options, order):
    """`queryset` narrowed to rows matching `q` (websearch syntax: words, "phrases", or, -word).

    On PostgreSQL: matched against the stored vector, ordered best first
    (then by `order`) and annotated with `rank` and `snippet`, a headline of
    the `headline` field whose matched words sit between MARK_START and
    MARK_STOP. Elsewhere (SQLite): the same terms matched case-insensitively
    as substrings of `fields`, with no ranking and no snippet.
    """
    q = q.strip()
    if not q:
        return queryset
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(terms_condition(q, fields))
    q = websearch_text(q)
    if not q:
        return queryset.none()
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    snippet = SearchHeadline(
        headline, query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_STOP, **headline_options
    )
    return (
        queryset.alias(search_vector=StoredSearchVector())
        .filter(search_vector=query)
        .annotate(rank=SearchRank(StoredSearchVector(), query), snippet=snippet)
        .order_by("-rank", *order)
    )


def matching(queryset, q, *, fields, also=None):
    """`queryset` narrowed to rows matching `q` as `search` matches them, or `also`; unranked, order unchanged.

    For lists that keep their own order (the admin's change lists): no rank
    and no snippet to compute, only the stored vector's GIN index to read.
    """
    q = q.strip()
    if not q:
        return queryset
    also = also or Q()
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(terms_condition(q, fields) | also)
    q = websearch_text(q)
    if not q:
        return queryset.filter(also) if also else queryset.none()
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    return queryset.alias(search_vector=StoredSearchVector()).filter(Q(search_vector=query) | also)


def title_matching(queryset, q, *, also=None):
    """Articles whose title or author holds the words of `q` (as `matching` reads them), or `also`; order unchanged.

    For the admin's searches: on PostgreSQL through the GIN index on those words (migration 0015), where a part
    of every title took a scan of all articles; elsewhere (SQLite) substrings of both.
    """
    q = q.strip()
    if not q:
        return queryset
    also = also or Q()
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(terms_condition(q, ["title", "author"]) | also)
    q = websearch_text(q)
    if not q:
        return queryset.filter(also) if also else queryset.none()
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    # The same expression as the index's, word for word.
    words = SearchVector("title", "author", config=SEARCH_CONFIG)
    return queryset.alias(title_words=words).filter(Q(title_words=query) | also)


def ranked(rows):
    """Whether `rows` are a search's in best-match order (`search` on PostgreSQL, no other sort chosen)."""
    return rows.query.order_by[:1] == ("-rank",)


def first_ranked(rows, limit):
    """The primary keys of the first `limit` matches of `rows` the database finds, sorted as `rows` orders
    them (best match first), or None when that order is not one of plain columns and `rank`.

    "First" in no meaningful order: the GIN index's bitmap, read heap block by heap block, stops after
    `limit` rows instead of reading every match. One pass reads each one's rank and tie-breaks and Python
    sorts them: sorting the cut rows in the database takes a second query level that matches every row
    again, reading each stored vector once more.
    """
    terms = [_sort_term(term) for term in rows.query.order_by]
    if not terms or None in terms:
        return None
    names = list(dict.fromkeys(name for name, _, _ in terms))
    column = {name: i for i, name in enumerate(names, start=1)}
    values = [Epoch(name) if _is_datetime(rows.model, name) else F(name) for name in names]
    matches = list(rows.order_by().values_list("pk", *values)[:limit])
    # Stable sorts from the last term to the first give the terms' order, as the database sorts (NULLs apart).
    for name, descending, nulls_last in reversed(terms):
        i = column[name]
        present = sorted((m for m in matches if m[i] is not None), key=itemgetter(i), reverse=descending)
        missing = [m for m in matches if m[i] is None]
        matches = present + missing if nulls_last else missing + present
    return [m[0] for m in matches]


class Epoch(Func):
    """A date and time as seconds since 1970: sorts as the timestamp does (float8 keeps its microseconds), and
    a thousand of them reach Python in a fifth of the time datetimes take."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
    output_field = FloatField()


def _is_datetime(model, name):
    try:
        return isinstance(model._meta.get_field(name), DateTimeField)
    except FieldDoesNotExist:
        return False  # an annotation, such as rank


def _sort_term(term):
    """(column, descending, nulls last) of an order_by() term on one of the row's own columns, else None."""
    if isinstance(term, str):
        name, descending, nulls_last = term.lstrip("-"), term.startswith("-"), None
    elif isinstance(term, OrderBy) and isinstance(term.expression, F):
        name, descending = term.expression.name, term.descending
        nulls_last = True if term.nulls_last else False if term.nulls_first else None
    else:
        return None
    if "__" in name or name == "?":
        return None
    # PostgreSQL puts NULLs last in ascending order and first in descending order unless told.
    return name, descending, (not descending) if nulls_last is None else nulls_last
