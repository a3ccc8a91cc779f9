"""Actor precision and recall on real news pages against actors written down by hand.

    .venv/bin/python -m bench.actor_score [-v] [--page SUBSTRING]

`bench/actor_gold.json` lists, for 30 of the devset's Readability news pages (the pages of
`bench.actor_sample.NEWS_PAGES`, sorted by name, the first 30), the people and organisations a
news analyst would expect from reading the page's body: a canonical name, other spellings the page
uses, the kind. Entries marked optional (countries, bylines, products that are also companies,
a tribe or a forum named in passing) count neither way: found, they are no false positive; missed,
they are no miss.

A predicted actor matches a gold actor when its name or one of its aliases equals the gold name or
one of its spellings, with case, diacritics, dots and apostrophe glyphs aside. A second predicted
actor for a gold actor already matched is a false positive (one body split in two). Kind accuracy
is over the matched actors. With -v the false positives and the misses are listed per page.
"""

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.pipeline import extract  # noqa: E402
from bench.actor_sample import DEVSET  # noqa: E402

GOLD = Path(__file__).resolve().parent / "actor_gold.json"


def fold(name):
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace(".", " ").replace("·", " ").replace("?", " ")
    return " ".join(text.casefold().split())


def forms(names):
    return {fold(name) for name in names if name}


def score_page(gold, actors):
    """(matched pairs, false positives, misses, optional hits) of one page."""
    entries = [(entry, forms([entry["name"], *entry.get("aliases", ())])) for entry in gold]
    taken = set()
    matched, false_positives, optional = [], [], []
    for actor in actors:
        names = [actor.name, *actor.aliases]
        hit = None
        # The actor's own name first, then its other spellings.
        for name in names:
            hit = next((e for e, f in entries if fold(name) in f), None)
            if hit is not None:
                break
        if hit is None or id(hit) in taken:
            false_positives.append(actor)
        elif hit.get("optional"):
            taken.add(id(hit))
            optional.append((actor, hit))
        else:
            taken.add(id(hit))
            matched.append((actor, hit))
    misses = [e for e, _ in entries if not e.get("optional") and id(e) not in taken]
    return matched, false_positives, misses, optional


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    parser.add_argument("--page", help="only pages whose name contains this")
    args = parser.parse_args()
    pages = json.loads(GOLD.read_text(encoding="utf-8"))["pages"]
    tp = fp = fn = kind_ok = 0
    for name in sorted(pages):
        if args.page and args.page not in name:
            continue
        path = DEVSET / "readability" / name / "source.html"
        page = extract(path.read_bytes(), name=path.name)
        matched, false_positives, misses, _ = score_page(pages[name], page.actors)
        tp += len(matched)
        fp += len(false_positives)
        fn += len(misses)
        wrong_kind = [(a, g) for a, g in matched if a.kind != g["kind"]]
        kind_ok += len(matched) - len(wrong_kind)
        if args.verbose and (false_positives or misses or wrong_kind):
            print(f"== {name}: {len(matched)} found, {len(false_positives)} false, {len(misses)} missed")
            for actor in false_positives:
                aka = f"  aka {', '.join(actor.aliases[:3])}" if actor.aliases else ""
                print(f"   FP   {actor.kind[:3]} {actor.mentions:>3}  {actor.name}{aka}")
            for entry in misses:
                print(f"   MISS {entry['kind'][:3]}      {entry['name']}")
            for actor, entry in wrong_kind:
                print(f"   KIND {actor.kind[:3]}->{entry['kind'][:3]}  {actor.name}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kinds = kind_ok / tp if tp else 0.0
    print(
        f"actors: precision {precision:.3f} ({tp}/{tp + fp})  recall {recall:.3f} ({tp}/{tp + fn})  "
        f"F1 {f1:.3f}  kind accuracy {kinds:.3f} ({kind_ok}/{tp})"
    )


if __name__ == "__main__":
    main()
