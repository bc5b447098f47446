"""Score corroboration on the story families of eval/corroboration/: merging and sources.

    python -m eval.corroboration                     # every family
    python -m eval.corroboration --families 'k*' --explain 10 --one-by-one

Each family's articles go through the real pipeline (`sitrep.pipeline.ingest`, which
corroborates at its end) into a temporary store, with their metadata from family.json
(published, outlet, url).  Predicted events are aligned to gold mentions: same article,
same PLOVER type, and the event's sentence overlaps the gold evidence (the most
overlapping gold mention wins).  Over the aligned events:

- pairwise merging: P = pairs put in one occurrence that gold puts in one, over pairs put
  in one; R = over pairs gold puts in one (all pairs, and cross-document pairs alone);
- B-cubed P, R, F1 per aligned event;
- n_independent_sources: for each gold occurrence with aligned events, the predicted
  occurrence holding most of them has the gold count (end to end); has the gold count
  over the articles whose mention was found at all ("found": merging and sourcing given
  extraction); and the count over all the gold mention's articles taken with sitrep's
  provenance equals gold ("gold set": sourcing alone);
- first report: that predicted occurrence's first report is the gold first report;
- figures: gold numeric account figures (killed, wounded ...) of aligned mentions that the
  article's accounts of that occurrence give with the same number;
- attributions: the outlets each article credits or cites (gold `attributes_to`), compared
  by sitrep's outlet keys.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from time import perf_counter
from typing import Any

from eval.metrics import PR, Accuracy

ROOT = Path(__file__).parent / "corroboration"
CORROBORATION_COMPONENT = "corroboration"
# Gold figure names that sitrep's figure kinds read under another name.
KIND_ALIASES = {"injured": "wounded", "arrested": "detained", "hospitalised": "wounded"}
FIGURE_KINDS = ("killed", "wounded", "missing", "abducted", "detained")
CORROBORATION_DEFINITION = (
    "story families ingested one store each through the real pipeline; predicted events "
    "align to gold mentions by same article, same type and sentence overlapping the "
    "evidence; pairwise and B-cubed merging over aligned events; n_independent_sources and "
    "first report of the predicted occurrence holding most of a gold occurrence's aligned "
    "events; figures = gold numeric figures given by that article's accounts"
)


@dataclass(frozen=True, slots=True)
class Item:
    """An aligned predicted event: its gold occurrence, predicted occurrence and article."""

    event_id: str
    gold: str
    predicted: str
    doc_id: str


@dataclass(slots=True)
class Scores:
    """Counts that add up over families."""

    pairs: PR = field(default_factory=PR)
    cross_pairs: PR = field(default_factory=PR)
    bcubed_p: float = 0.0
    bcubed_r: float = 0.0
    items: int = 0
    gold_mentions: int = 0
    aligned_mentions: int = 0
    sources: Accuracy = field(default_factory=Accuracy)
    sources_found: Accuracy = field(default_factory=Accuracy)
    sources_given_gold: Accuracy = field(default_factory=Accuracy)
    first_report: Accuracy = field(default_factory=Accuracy)
    figures: PR = field(default_factory=PR)
    attributions: PR = field(default_factory=PR)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        """Add another family's counts."""
        self.pairs += other.pairs
        self.cross_pairs += other.cross_pairs
        self.bcubed_p += other.bcubed_p
        self.bcubed_r += other.bcubed_r
        self.items += other.items
        self.gold_mentions += other.gold_mentions
        self.aligned_mentions += other.aligned_mentions
        for name in ("sources", "sources_found", "sources_given_gold", "first_report"):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, Accuracy(mine.correct + theirs.correct, mine.total + theirs.total))
        self.figures += other.figures
        self.attributions += other.attributions
        self.errors.extend(other.errors)

    def bcubed(self) -> tuple[float | None, float | None, float | None]:
        """B-cubed precision, recall and F1 over every aligned event."""
        if not self.items:
            return None, None, None
        p, r = self.bcubed_p / self.items, self.bcubed_r / self.items
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_scores(items: Sequence[Item], cross_only: bool = False) -> PR:
    """Pairwise merging P/R over aligned events (optionally only pairs from two articles)."""
    same_pred = same_gold = both = 0
    for a, b in combinations(items, 2):
        if cross_only and a.doc_id == b.doc_id:
            continue
        pred, gold = a.predicted == b.predicted, a.gold == b.gold
        same_pred += pred
        same_gold += gold
        both += pred and gold
    return PR(both, same_pred, both, same_gold)


def bcubed_sums(items: Sequence[Item]) -> tuple[float, float]:
    """Sums of per-item B-cubed precision and recall (divide by the number of items)."""
    pred: dict[str, set[str]] = defaultdict(set)
    gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        pred[item.predicted].add(item.event_id)
        gold[item.gold].add(item.event_id)
    p = r = 0.0
    for item in items:
        shared = len(pred[item.predicted] & gold[item.gold])
        p += shared / len(pred[item.predicted])
        r += shared / len(gold[item.gold])
    return p, r


def align(
    mentions: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]
) -> dict[str, int]:
    """Event id -> index of the gold mention it aligns to (same doc and type, most overlap).

    `mentions` carry doc_id, type, start, end (the evidence span); `events` carry id,
    doc_id, type, sentence_start, sentence_end.
    """
    aligned: dict[str, int] = {}
    for event in events:
        best, best_overlap = None, 0
        for i, gold in enumerate(mentions):
            if gold["doc_id"] != event["doc_id"] or gold["type"] != event["type"]:
                continue
            overlap = min(gold["end"], event["sentence_end"]) - max(
                gold["start"], event["sentence_start"]
            )
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            aligned[str(event["id"])] = best
    return aligned


# --- running a family through sitrep ------------------------------------------------------


def load_family(folder: Path) -> dict[str, Any]:
    """family.json with each article's text."""
    family: dict[str, Any] = json.loads((folder / "family.json").read_text("utf-8"))
    for article in family["articles"]:
        article["text"] = (folder / article["file"]).read_text("utf-8")
    return family


def ingest_family(family: Mapping[str, Any], path: Path, analyzer: Any, one_by_one: bool) -> None:
    """Ingest a family's articles (in file order) into a new store with the real pipeline."""
    from sitrep.config import load_settings
    from sitrep.pipeline import ingest
    from sitrep.store import Store

    settings = load_settings(environ={})
    lines = [_jsonl(article) for article in family["articles"]]
    batches = [[line] for line in lines] if one_by_one else [lines]
    with Store.open(path) as store:
        for number, batch in enumerate(batches):
            source = path.parent / f"batch-{number}.jsonl"
            source.write_text("\n".join(batch) + "\n", encoding="utf-8")
            ingest([str(source)], store, settings, fmt="jsonl", analyzer=analyzer)


def _jsonl(article: Mapping[str, Any]) -> str:
    title = article["text"].split("\n", 1)[0]
    return json.dumps({
        "text": article["text"], "title": title, "published": article["published"],
        "source": article["outlet"], "url": article["url"],
    })  # fmt: skip


def predictions(path: Path) -> dict[str, Any]:
    """What the store holds: documents by url, events, memberships, occurrences, accounts."""
    from sitrep.store import Store

    with Store.open(path, read_only=True) as store:
        return {
            "documents": {r["url"]: r for r in store.query(
                "SELECT d.id, d.url, d.text, p.origin FROM documents d "
                "LEFT JOIN provenance p ON p.doc_id = d.id")},
            "events": store.query(
                "SELECT e.id, e.doc_id, e.type, e.sentence_start, e.sentence_end, "
                "oe.occurrence_id FROM events e "
                "LEFT JOIN occurrence_events oe ON oe.event_id = e.id"),
            "occurrences": {r["id"]: r for r in store.query("SELECT * FROM occurrences")},
            "accounts": store.query(
                "SELECT occurrence_id, doc_id, kind, number FROM accounts"),
            "attributions": store.query("SELECT doc_id, outlet_key FROM attributions"),
        }  # fmt: skip


# --- scoring one family ------------------------------------------------------------------


def score_family(family: Mapping[str, Any], predicted: Mapping[str, Any]) -> Scores:
    """All corroboration counts for one family."""
    scores = Scores()
    docs = {a["file"]: predicted["documents"].get(a["url"]) for a in family["articles"]}
    mentions = gold_mentions(family, docs, scores)
    aligned = align(mentions, predicted["events"])
    by_id = {str(e["id"]): e for e in predicted["events"]}
    items = [
        Item(event_id, mentions[i]["occurrence"], str(by_id[event_id]["occurrence_id"]),
             str(by_id[event_id]["doc_id"]))
        for event_id, i in aligned.items() if by_id[event_id]["occurrence_id"] is not None
    ]  # fmt: skip
    scores.aligned_mentions = len(set(aligned.values()))
    scores.items = len(items)
    scores.pairs = pair_scores(items)
    scores.cross_pairs = pair_scores(items, cross_only=True)
    scores.bcubed_p, scores.bcubed_r = bcubed_sums(items)
    _score_occurrences(family, docs, mentions, aligned, items, predicted, scores)
    scores.attributions = score_attributions(family, docs, predicted)
    return scores


def score_attributions(
    family: Mapping[str, Any], docs: Mapping[str, Any], predicted: Mapping[str, Any]
) -> PR:
    """Outlets each article credits or cites (gold `attributes_to`), by sitrep's outlet keys."""
    from sitrep.corroborate.sources import Outlets
    from sitrep.kb import load_kb

    outlets = Outlets.of(load_kb(), [a["outlet"] for a in family["articles"]])
    found: dict[str, set[str]] = defaultdict(set)
    for row in predicted["attributions"]:
        found[row["doc_id"]].add(row["outlet_key"])
    total = PR()
    for article in family["articles"]:
        doc = docs.get(article["file"])
        gold = {outlets.key(name, short=True) for name in article["attributes_to"]}
        ours = found.get(doc["id"], set()) if doc else set()
        total += PR(len(ours & gold), len(ours), len(ours & gold), len(gold))
    return total


def gold_mentions(
    family: Mapping[str, Any], docs: Mapping[str, Any], scores: Scores
) -> list[dict[str, Any]]:
    """Gold mentions with their document id and evidence span in sitrep's cleaned text."""
    found = []
    for occurrence in family["occurrences"]:
        for mention in occurrence["mentions"]:
            scores.gold_mentions += 1
            doc = docs.get(mention["file"])
            start = doc["text"].find(mention["evidence"]) if doc else -1
            if start < 0:
                scores.errors.append(f"{family['family']}/{mention['file']}: evidence not found")
                continue
            found.append({
                "doc_id": doc["id"], "type": occurrence["type"], "start": start,
                "end": start + len(mention["evidence"]), "file": mention["file"],
                "occurrence": f"{family['family']}/{occurrence['id']}",
                "account": mention.get("account") or {},
            })  # fmt: skip
    return found


def _score_occurrences(
    family: Mapping[str, Any], docs: Mapping[str, Any], mentions: Sequence[dict[str, Any]],
    aligned: Mapping[str, int], items: Sequence[Item], predicted: Mapping[str, Any],
    scores: Scores,
) -> None:  # fmt: skip
    """Source counts, first reports and figures per gold occurrence with aligned events."""
    independent = {a["file"]: a["independent_source"] for a in family["articles"]}
    for occurrence in family["occurrences"]:
        key = f"{family['family']}/{occurrence['id']}"
        ours = Counter(item.predicted for item in items if item.gold == key)
        files = {m["file"] for m in occurrence["mentions"]}
        origins = {docs[f]["origin"] for f in files if docs.get(f)}
        right = len(origins) == occurrence["n_independent_sources"]
        scores.sources_given_gold = _plus(scores.sources_given_gold, right)
        if not ours:
            continue
        best = predicted["occurrences"][ours.most_common(1)[0][0]]
        got = best["n_independent_sources"]
        scores.sources = _plus(scores.sources, got == occurrence["n_independent_sources"])
        found = {mentions[i]["file"] for i in set(aligned.values())
                 if mentions[i]["occurrence"] == key}  # fmt: skip
        reachable = {independent[f] for f in found}
        scores.sources_found = _plus(scores.sources_found, got == len(reachable))
        if got != occurrence["n_independent_sources"]:
            scores.errors.append(
                f"{key}: {got} independent sources, gold {occurrence['n_independent_sources']}"
            )
        first = docs.get(occurrence["first_report"]["file"])
        scores.first_report = _plus(scores.first_report, bool(first) and
                                    best["first_doc_id"] == first["id"])  # fmt: skip
    _score_figures(mentions, aligned, items, predicted, scores)


def _score_figures(
    mentions: Sequence[dict[str, Any]], aligned: Mapping[str, int], items: Sequence[Item],
    predicted: Mapping[str, Any], scores: Scores,
) -> None:  # fmt: skip
    """Gold numeric figures of aligned mentions against the accounts of their article."""
    occurrence_of = {item.event_id: item.predicted for item in items}
    given: dict[tuple[str, str], set[tuple[str, float]]] = defaultdict(set)
    for row in predicted["accounts"]:
        if row["number"] is not None:
            given[(row["occurrence_id"], row["doc_id"])].add((row["kind"], float(row["number"])))
    seen: set[int] = set()
    for event_id, index in aligned.items():
        if index in seen or event_id not in occurrence_of:
            continue
        seen.add(index)
        mention = mentions[index]
        figures = _gold_figures(mention["account"])
        ours = given[(occurrence_of[event_id], mention["doc_id"])]
        hits = len(figures & ours)
        scores.figures += PR(hits, len(ours), hits, len(figures))
        if figures != ours:
            scores.errors.append(
                f"{mention['occurrence']} {mention['file']}: figures {sorted(ours)}, "
                f"gold {sorted(figures)}"
            )


def _gold_figures(account: Mapping[str, Any]) -> set[tuple[str, float]]:
    found = set()
    for kind, value in account.items():
        kind = KIND_ALIASES.get(kind, kind)
        if kind in FIGURE_KINDS and isinstance(value, int | float):
            found.add((kind, float(value)))
    return found


def _plus(accuracy: Accuracy, right: bool) -> Accuracy:
    return Accuracy(accuracy.correct + right, accuracy.total + 1)


# --- the command ---------------------------------------------------------------------------


def measure(families: Iterable[Path], one_by_one: bool = False) -> dict[str, Scores]:
    """Run and score each family; scores by family name."""
    from sitrep.analysis import Analyzer
    from sitrep.config import load_settings

    analyzer = Analyzer(load_settings(environ={}))
    results = {}
    for folder in families:
        family = load_family(folder)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "store.duckdb"
            ingest_family(family, path, analyzer, one_by_one)
            results[family["family"]] = score_family(family, predictions(path))
    return results


def report_lines(total: Scores) -> list[str]:
    """The table of totals."""
    p, r, f1 = total.bcubed()

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:5.1f}"

    lines = [
        f"gold mentions aligned: {total.aligned_mentions}/{total.gold_mentions} "
        f"({total.items} predicted events)",
        f"{'':32} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}",
    ]
    for name, pr in (("pairwise merging", total.pairs), ("pairwise, cross-document",
                                                         total.cross_pairs)):  # fmt: skip
        lines.append(f"{name:32} {pct(pr.precision):>6} {pct(pr.recall):>6} {pct(pr.f1):>6} "
                     f"{pr.n_gold:>6}")  # fmt: skip
    lines.append(f"{'B-cubed merging':32} {pct(p):>6} {pct(r):>6} {pct(f1):>6} {total.items:>6}")
    lines.append(f"{'attributions (credit, citation)':32} "
                 f"{pct(total.attributions.precision):>6} {pct(total.attributions.recall):>6} "
                 f"{pct(total.attributions.f1):>6} {total.attributions.n_gold:>6}")  # fmt: skip
    lines.append(f"{'figures (numeric)':32} {pct(total.figures.precision):>6} "
                 f"{pct(total.figures.recall):>6} {pct(total.figures.f1):>6} "
                 f"{total.figures.n_gold:>6}")  # fmt: skip
    for name, acc in (("n_independent_sources", total.sources),
                      ("n_independent_sources (found)", total.sources_found),
                      ("n_independent_sources (gold set)", total.sources_given_gold),
                      ("first report", total.first_report)):  # fmt: skip
        lines.append(f"{name:32} {'acc':>6} {pct(acc.value):>6} {'':>6} {acc.total:>6}")
    return lines


def corroboration_section(explain: int = 0) -> list[str]:
    """The corroboration table over every family (for python -m eval.score)."""
    total = Scores()
    folders = select_families(None)
    for scores in measure(folders).values():
        total.add(scores)
    lines = [f"11. Corroboration ({len(folders)} story families)", *report_lines(total)]
    return [*lines, CORROBORATION_DEFINITION, *(f"  {e}" for e in total.errors[:explain])]


def select_families(pattern: str | None) -> list[Path]:
    """Family folders whose name matches a glob (all when None)."""
    folders = sorted(p for p in ROOT.iterdir() if (p / "family.json").is_file())
    return [p for p in folders if pattern is None or fnmatch.fnmatch(p.name, pattern)]


def main(argv: Sequence[str] | None = None) -> int:
    """Score the families and print the totals (and errors, if asked)."""
    began = perf_counter()
    parser = argparse.ArgumentParser(prog="python -m eval.corroboration",
                                     description=__doc__.split("\n")[0])  # fmt: skip
    parser.add_argument("--families", metavar="GLOB", help="family names, e.g. 'k*'")
    parser.add_argument(
        "--one-by-one",
        action="store_true",
        help="ingest each article on its own (incremental corroboration)",
    )
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N", help="print the first N errors"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the totals to FILE")
    args = parser.parse_args(argv)
    folders = select_families(args.families)
    if not folders:
        print(f"no family matches {args.families!r}", file=sys.stderr)
        return 2
    total = Scores()
    for scores in measure(folders, args.one_by_one).values():
        total.add(scores)
    print(f"corroboration on {len(folders)} families\n")
    print("\n".join(report_lines(total)))
    print(f"\n{CORROBORATION_DEFINITION}")
    for line in total.errors[: args.explain]:
        print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps(to_json(total), indent=1) + "\n", encoding="utf-8")
    print(f"total run time {perf_counter() - began:.2f} s")
    return 0


def to_json(total: Scores) -> dict[str, Any]:
    """Every total as plain JSON."""
    p, r, f1 = total.bcubed()
    return {
        "pairs": total.pairs.to_json(), "cross_pairs": total.cross_pairs.to_json(),
        "bcubed": {"precision": p, "recall": r, "f1": f1, "n": total.items},
        "figures": total.figures.to_json(), "attributions": total.attributions.to_json(),
        "n_independent_sources": {"correct": total.sources.correct, "n": total.sources.total},
        "n_independent_sources_found": {"correct": total.sources_found.correct,
                                        "n": total.sources_found.total},
        "n_independent_sources_gold_set": {"correct": total.sources_given_gold.correct,
                                           "n": total.sources_given_gold.total},
        "first_report": {"correct": total.first_report.correct, "n": total.first_report.total},
        "aligned_mentions": total.aligned_mentions, "gold_mentions": total.gold_mentions,
    }  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
