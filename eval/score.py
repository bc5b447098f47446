"""Score sitrep on the gold set: P, R and F1 per component, beside bare spaCy where that fits.

    python -m eval.score                      # every article and component
    python -m eval.score --articles 'mena-*' --components quotes,statements --explain 10
    python -m eval.score --no-baseline --json scores.json

Only the public contract is used: `sitrep.extract(...)` and `sitrep.contract.to_contract`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from eval.baseline import (
    BASELINE_DEFINITION,
    BASELINE_MODEL,
    baseline_contracts,
    load_baseline,
)
from eval.corroboration import CORROBORATION_COMPONENT, corroboration_section
from eval.entities import (
    MENTIONS_DEFINITION,
    RESOLUTION_DEFINITION,
    predicted_mentions,
    score_mentions,
    score_resolution,
)
from eval.events import EVENTS_DEFINITION, STANCES_DEFINITION, score_events, score_stances
from eval.gold import SEED_ID, GoldArticle, gold_mentions, load_articles, select
from eval.metrics import Result, total
from eval.names import KBLike, Names
from eval.quotes import QUOTES_DEFINITION, STATEMENTS_DEFINITION, score_quotes, score_statements
from eval.report import explain, section, seed_lines, to_json
from eval.seed import seed_report
from eval.stories import STORIES_COMPONENT, story_section
from eval.times import TIMES_DEFINITION, score_times

SEED_COMPONENT = "seed"


@dataclass(frozen=True, slots=True)
class Scored:
    """What a component scorer sees of one article: gold, prediction, text, names."""

    article: GoldArticle
    contract: Mapping[str, Any]
    names: Names

    @property
    def text(self) -> str:
        """The text offsets refer to: sitrep's cleaned document text."""
        return str((self.contract.get("document") or {}).get("text") or self.article.text)

    def gold(self, key: str) -> list[Mapping[str, Any]]:
        """One gold list (quotes, events, ...)."""
        return list(self.article.gold.get(key) or [])


def _mentions(s: Scored) -> Result:
    gold = gold_mentions(s.text, s.gold("entities"))
    return score_mentions(gold, predicted_mentions(s.contract), s.article.id)


def _resolution(s: Scored) -> Result:
    gold = gold_mentions(s.text, s.gold("entities"))
    preds = predicted_mentions(s.contract)
    return score_resolution(gold, preds, s.names, s.article.id, s.article.day)


def _quotes(s: Scored) -> Result:
    return score_quotes(s.text, s.gold("quotes"), s.contract, s.names, s.article.id, s.article.day)


def _statements(s: Scored) -> Result:
    gold = s.gold("statements")
    return score_statements(s.text, gold, s.contract, s.names, s.article.id, s.article.day)


def _events(s: Scored) -> Result:
    return score_events(s.gold("events"), s.contract, s.names, s.article.id, s.article.day)


def _stances(s: Scored) -> Result:
    return score_stances(s.gold("stances"), s.contract, s.names, s.article.id, s.article.day)


def _times(s: Scored) -> Result:
    return score_times(s.text, s.gold("times"), s.contract, s.article.id)


@dataclass(frozen=True, slots=True)
class Component:
    """A scored component: its table title, definition, gold list and scorer."""

    name: str
    title: str
    definition: str
    gold_key: str
    score: Callable[[Scored], Result]
    baseline: bool = False


COMPONENTS = (
    Component("entities", "1. Entity mentions", MENTIONS_DEFINITION, "entities", _mentions, True),
    Component(
        "resolution", "2. Alias resolution", RESOLUTION_DEFINITION, "entities", _resolution, True
    ),
    Component("quotes", "4. Quotes (direct, partial)", QUOTES_DEFINITION, "quotes", _quotes),
    Component(
        "statements", "5. Indirect statements", STATEMENTS_DEFINITION, "statements", _statements
    ),
    Component("events", "6. Events", EVENTS_DEFINITION, "events", _events),
    Component("stances", "7. Stances", STANCES_DEFINITION, "stances", _stances),
    Component("times", "8. Times", TIMES_DEFINITION, "times", _times),
)
NAMES = (*(c.name for c in COMPONENTS), SEED_COMPONENT, STORIES_COMPONENT, CORROBORATION_COMPONENT)


def score_article(
    article: GoldArticle,
    contract: Mapping[str, Any],
    names: Names,
    components: Sequence[Component] = COMPONENTS,
) -> dict[str, Result]:
    """Every requested component's result for one article (skipping lists the gold lacks)."""
    scored = Scored(article, contract, names)
    return {c.name: c.score(scored) for c in components if article.has(c.gold_key)}


def score_all(
    articles: Sequence[GoldArticle],
    contracts: Sequence[Mapping[str, Any]],
    names: Names,
    components: Sequence[Component],
) -> tuple[dict[str, Result], dict[str, dict[str, Result]]]:
    """Summed results per component, and each article's own."""
    per_article = {
        a.id: score_article(a, c, names, components)
        for a, c in zip(articles, contracts, strict=True)
    }
    totals = {
        comp.name: total([r[comp.name] for r in per_article.values() if comp.name in r])
        for comp in components
    }
    return totals, per_article


def metadata(article: GoldArticle) -> dict[str, Any]:
    """The keyword arguments sitrep.extract gets: the gold document's metadata."""
    doc = article.document
    return {key: doc.get(key) for key in ("title", "published", "source", "url")}


def run_sitrep(articles: Sequence[GoldArticle]) -> tuple[list[dict[str, Any]], list[float]]:
    """sitrep's contract dict for each article (one process, models loaded once), and timings."""
    import sitrep
    from sitrep.contract import to_contract
    from sitrep.errors import SitrepError

    extract = sitrep.extract
    contracts, seconds = [], []
    for article in articles:
        start = perf_counter()
        try:
            contracts.append(to_contract(extract(article.text, **metadata(article))))
        except SitrepError as exc:  # a bad document is a reported skip, scored as empty
            print(f"warning: {article.id}: sitrep failed: {exc}", file=sys.stderr)
            contracts.append({"document": {"text": article.text}})
        seconds.append(perf_counter() - start)
    return contracts, seconds


def run_baseline(texts: Sequence[str]) -> tuple[list[dict[str, Any]], float]:
    """Bare spaCy's contract-shaped dicts for the same texts, and the seconds it took."""
    start = perf_counter()
    nlp = load_baseline()
    contracts = list(baseline_contracts(nlp, texts))
    return contracts, perf_counter() - start


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m eval.score", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--articles", metavar="GLOB", help="article ids to score, e.g. 'mena-*'")
    parser.add_argument(
        "--components", default=",".join(NAMES), help=f"comma-separated: {','.join(NAMES)}"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help=f"skip bare spaCy ({BASELINE_MODEL})"
    )
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N", help="print the first N errors per component"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every number to FILE")
    args = parser.parse_args(argv)
    wanted = [c.strip() for c in args.components.split(",") if c.strip()]
    unknown = sorted(set(wanted) - set(NAMES))
    if unknown:
        parser.error(f"unknown component(s) {', '.join(unknown)}; valid: {', '.join(NAMES)}")
    args.components = wanted
    return args


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f} articles/s" if seconds > 0 else "-"


def timing_lines(n: int, seconds: Sequence[float], spacy_seconds: float | None) -> list[str]:
    """How long sitrep (and spaCy) took, in articles per second."""
    spent = sum(seconds)
    line = f"sitrep: {n} articles in {spent:.2f} s ({_rate(n, spent)}"
    if n > 1:
        line += f"; {_rate(n - 1, spent - seconds[0])} after the first, which loads the models"
    lines = [line + ")"]
    if spacy_seconds is not None:
        rate = _rate(n, spacy_seconds)
        lines.append(f"bare spaCy: {n} articles in {spacy_seconds:.2f} s ({rate}, load included)")
    return lines


def _load_names() -> Names:
    from sitrep.kb import load_kb

    kb: KBLike = load_kb()
    return Names(kb)


@dataclass(slots=True)
class Scores:
    """Everything one run measured."""

    articles: list[GoldArticle]
    components: list[Component]
    totals: dict[str, Result]
    per_article: dict[str, dict[str, Result]]
    baselines: dict[str, Result]
    seed: list[tuple[str, bool, str]] | None
    seconds: list[float]
    spacy_seconds: float | None


def measure(articles: list[GoldArticle], args: argparse.Namespace) -> Scores:
    """Run sitrep (and bare spaCy) over the articles and score every requested component.

    1. run sitrep over the articles in this process;
    2. run bare spaCy over the same texts, if mentions or resolution are scored;
    3. score every component per article and sum; check the seed.
    """
    components = [c for c in COMPONENTS if c.name in args.components]
    names = _load_names()
    # 1. sitrep
    contracts, seconds = run_sitrep(articles)
    # 2. spaCy
    base_components = [c for c in components if c.baseline]
    baselines: dict[str, Result] = {}
    spacy_seconds = None
    if base_components and not args.no_baseline:
        texts = [str(c["document"]["text"]) for c in contracts]
        base_contracts, spacy_seconds = run_baseline(texts)
        baselines, _ = score_all(articles, base_contracts, names, base_components)
    # 3. score
    totals, per_article = score_all(articles, contracts, names, components)
    seed = _seed_checks(articles, contracts, args.components, names)
    return Scores(
        articles, components, totals, per_article, baselines, seed, seconds, spacy_seconds
    )


def print_report(scores: Scores, explain_limit: int) -> None:
    """The tables with their definitions, the seed checks, timings and errors to explain."""
    print(f"sitrep on {len(scores.articles)} gold articles\n")
    for comp in scores.components:
        base = scores.baselines.get(comp.name)
        result = scores.totals[comp.name]
        table = section(comp.title, result, comp.definition, base, BASELINE_DEFINITION)
        print("\n".join(table) + "\n")
    if scores.seed is not None:
        print("\n".join(seed_lines(scores.seed)) + "\n")
    print("\n".join(timing_lines(len(scores.articles), scores.seconds, scores.spacy_seconds)))
    _warn_gold(scores.totals)
    for comp in scores.components:
        lines = explain(comp.title, scores.totals[comp.name], explain_limit)
        if lines:
            print("\n" + "\n".join(lines))


def write_json(scores: Scores, path: Path, seconds: float) -> None:
    """Every number, with timings and the seed checks, as one JSON file."""
    extra = {
        "articles": [a.id for a in scores.articles],
        "timing": {
            "sitrep_seconds": sum(scores.seconds),
            "spacy_seconds": scores.spacy_seconds,
            "total_seconds": seconds,
        },
        "seed": [{"item": i, "ok": ok, "detail": d} for i, ok, d in scores.seed or []],
    }
    definitions = {c.name: c.definition for c in scores.components}
    data = to_json(scores.totals, scores.baselines, scores.per_article, definitions, extra)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Score the gold set and report.

    1. load the gold articles and pick the requested ones;
    2. run sitrep (and spaCy) and score;
    3. print the report;
    4. write every number as JSON, if asked.
    """
    began = perf_counter()
    args = parse_args(argv)
    # 1. gold
    articles = select(load_articles(), args.articles)
    if not articles:
        print(f"no article matches {args.articles!r}", file=sys.stderr)
        return 2
    # 2. measure
    scores = measure(articles, args)
    # 3. print
    print_report(scores, args.explain)
    if STORIES_COMPONENT in args.components:  # corpus-level: ingests into its own store
        print("\n" + "\n".join(story_section(articles, args.explain)))
    if CORROBORATION_COMPONENT in args.components:  # story families, a store each
        print("\n" + "\n".join(corroboration_section(args.explain)))
    # 4. JSON
    if args.json:
        write_json(scores, args.json, perf_counter() - began)
    print(f"total run time {perf_counter() - began:.2f} s")
    return 0


def _seed_checks(
    articles: Sequence[GoldArticle],
    contracts: Sequence[Mapping[str, Any]],
    wanted: Sequence[str],
    names: Names,
) -> list[tuple[str, bool, str]] | None:
    if SEED_COMPONENT not in wanted:
        return None
    for article, contract in zip(articles, contracts, strict=True):
        if article.id == SEED_ID:
            return seed_report(contract, article.gold, names.kb)
    return None


def _warn_gold(totals: Mapping[str, Result]) -> None:
    missing = sum(e.kind == "gold text not in article" for r in totals.values() for e in r.errors)
    if missing:
        print(
            f"warning: {missing} gold texts not found in their article (see --explain)",
            file=sys.stderr,
        )


if __name__ == "__main__":
    sys.exit(main())
