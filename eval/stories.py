"""Story clustering against the gold set's story labels: adjusted Rand index and B-cubed P/R/F1.

    python -m eval.stories                 # every gold article and the seed
    python -m eval.stories --window 14 --join 0.3 --json stories.json

The articles are ingested with their gold metadata (title, published, source, url) through
sitrep's own pipeline (`sitrep.pipeline.ingest`, which ends by clustering) into a temporary
store; sitrep's stories are then read from the store and compared with each gold file's
"story" field.  The seed belongs with "russia-syria-bases".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from math import comb
from pathlib import Path
from time import perf_counter
from typing import Any

from eval.gold import SEED_ID, GoldArticle, load_articles, select

STORIES_COMPONENT = "stories"
SEED_STORY = "russia-syria-bases"
STORIES_DEFINITION = (
    "articles ingested with their gold metadata through sitrep.pipeline.ingest into a "
    "temporary store; each article's sitrep story against its gold 'story' (the seed: "
    "russia-syria-bases); ARI = adjusted Rand index over all pairs of articles; B-cubed P = "
    "mean over articles of the share of its predicted story that shares its gold story, R = "
    "mean share of its gold story that shares its predicted story, F1 = their harmonic mean"
)


@dataclass(frozen=True, slots=True)
class StoryScores:
    """How sitrep's stories compare with the gold ones."""

    articles: int
    gold_stories: int
    predicted_stories: int
    ari: float
    precision: float
    recall: float
    f1: float
    seconds: float
    assignments: dict[str, str]  # article id -> sitrep story label


def gold_story(article: GoldArticle) -> str:
    """The gold story of an article (the seed's is russia-syria-bases)."""
    if article.id == SEED_ID:
        return SEED_STORY
    return str(article.gold.get("story") or article.id)


def adjusted_rand(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    n = len(gold)
    pairs = Counter(zip(gold, predicted, strict=True))
    index = sum(comb(c, 2) for c in pairs.values())
    rows = sum(comb(c, 2) for c in Counter(gold).values())
    cols = sum(comb(c, 2) for c in Counter(predicted).values())
    total = comb(n, 2)
    expected = rows * cols / total if total else 0.0
    best = (rows + cols) / 2
    return 1.0 if best == expected else (index - expected) / (best - expected)


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin) over items."""
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    n = len(gold)
    precision = (
        sum(pairs[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True)) / n
    )
    recall = sum(pairs[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def write_jsonl(articles: Sequence[GoldArticle], path: Path) -> None:
    """One JSON line per article: its text and gold document metadata."""
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            meta = {k: article.document.get(k) for k in ("title", "published", "source", "url")}
            record = {"text": article.text, **{k: v for k, v in meta.items() if v}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def predicted_stories(
    articles: Sequence[GoldArticle], params: Any = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Ingest the articles into a temporary store: each article's story id, and story labels."""
    from sitrep.config import Settings
    from sitrep.pipeline import ingest
    from sitrep.store import Store
    from sitrep.stories import update_stories

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "gold.jsonl"
        write_jsonl(articles, feed)
        with Store.open(Path(tmp) / "stories.duckdb") as store:
            ingest([str(feed)], store, Settings())
            if params is not None:  # re-cluster with other parameters
                store.connection.execute("DELETE FROM story_documents; DELETE FROM stories;"
                                         "DELETE FROM story_features; DELETE FROM story_feature_counts")  # fmt: skip
                update_stories(store, params)
            rows = store.query(
                """SELECT d.origin, s.story_id, t.label FROM documents d
                   JOIN story_documents s ON s.doc_id = d.id JOIN stories t ON t.id = s.story_id"""
            )
    by_line = {int(r["origin"].rsplit("line ", 1)[1]): r for r in rows}
    stories = {a.id: str(by_line[i + 1]["story_id"]) for i, a in enumerate(articles)}
    labels = {str(r["story_id"]): str(r["label"]) for r in rows}
    return stories, labels


def score_stories(articles: Sequence[GoldArticle], params: Any = None) -> StoryScores:
    """Ingest, cluster and compare with the gold stories."""
    began = perf_counter()
    stories, labels = predicted_stories(articles, params)
    gold = [gold_story(a) for a in articles]
    predicted = [stories[a.id] for a in articles]
    precision, recall, f1 = bcubed(gold, predicted)
    return StoryScores(
        articles=len(articles), gold_stories=len(set(gold)),
        predicted_stories=len(set(predicted)), ari=adjusted_rand(gold, predicted),
        precision=precision, recall=recall, f1=f1, seconds=perf_counter() - began,
        assignments={a.id: labels[stories[a.id]] for a in articles},
    )  # fmt: skip


def story_lines(scores: StoryScores, articles: Sequence[GoldArticle], explain: bool) -> list[str]:
    """The scores as the scorer prints a component, and (explain) each gold story's split."""
    lines = [
        "Stories (clustering)",
        f"  {scores.articles} articles, {scores.gold_stories} gold stories, "
        f"{scores.predicted_stories} sitrep stories ({scores.seconds:.1f} s with ingest)",
        f"  ARI {scores.ari:.3f}   B-cubed P {scores.precision:.3f}  R {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}",
        f"  definition: {STORIES_DEFINITION}",
    ]
    if explain:
        by_gold: dict[str, list[str]] = defaultdict(list)
        for article in articles:
            by_gold[gold_story(article)].append(scores.assignments[article.id])
        for story, labels in sorted(by_gold.items()):
            split = "; ".join(f"{label} x{n}" for label, n in Counter(labels).most_common())
            lines.append(f"    {story}: {split}")
    return lines


def story_section(articles: Sequence[GoldArticle], explain: int = 0) -> list[str]:
    """What `python -m eval.score` prints for the stories component."""
    return story_lines(score_stories(articles), articles, bool(explain))


def main(argv: Sequence[str] | None = None) -> int:
    """Score story clustering on the gold set (optionally with other parameters)."""
    parser = argparse.ArgumentParser(
        prog="python -m eval.stories", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--articles", metavar="GLOB", help="article ids to score, e.g. 'mena-*'")
    parser.add_argument("--window", type=int, help="days a story stays open (default: sitrep's)")
    parser.add_argument("--join", type=float, help="similarity to join a story (default: sitrep's)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the scores to FILE")
    args = parser.parse_args(argv)
    articles = select(load_articles(), args.articles)
    params = _params(args.window, args.join)
    scores = score_stories(articles, params)
    print("\n".join(story_lines(scores, articles, explain=True)))
    if args.json:
        args.json.write_text(json.dumps(asdict(scores), indent=1, ensure_ascii=False) + "\n")
    return 0


def _params(window: int | None, join: float | None) -> Mapping[str, Any] | None:
    if window is None and join is None:
        return None
    from sitrep.stories import StoryParams

    defaults = StoryParams()
    return StoryParams(  # type: ignore[return-value]
        window_days=defaults.window_days if window is None else window,
        join_similarity=defaults.join_similarity if join is None else join,
    )


if __name__ == "__main__":
    sys.exit(main())
