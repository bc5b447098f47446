"""Rendering scores: one table per component with its definition, errors to explain, JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eval.metrics import PR, Accuracy, Metric, Result

LABEL_WIDTH = 26
HEADER = f"{'':<{LABEL_WIDTH}} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'n':>6}"
BASELINE_HEADER = f" | {'spaCy P':>7} {'R':>6} {'F1':>6} {'acc':>6}"


def fmt(value: float | None) -> str:
    """A score with three decimals, or '-' when undefined."""
    return "-" if value is None else f"{value:.3f}"


def cells(metric: Metric | None) -> list[str]:
    """The P, R, F1 and acc cells of one metric."""
    if isinstance(metric, PR):
        return [fmt(metric.precision), fmt(metric.recall), fmt(metric.f1), "-"]
    if isinstance(metric, Accuracy):
        return ["-", "-", "-", fmt(metric.value)]
    return ["-"] * 4


def shown(metric: Metric) -> bool:
    """False for rows with nothing in them (an event type neither side has, an unused note)."""
    if isinstance(metric, PR):
        return bool(metric.n_gold or metric.n_pred)
    return bool(metric.total)


def section(
    title: str,
    result: Result,
    definition: str,
    baseline: Result | None = None,
    baseline_definition: str = "",
) -> list[str]:
    """A component's table: one row per metric, spaCy's beside it, the definitions below."""
    lines = [title, HEADER + (BASELINE_HEADER if baseline else "")]
    for key, metric in result.metrics.items():
        base = baseline.metrics.get(key) if baseline else None
        if not shown(metric) and not (base and shown(base)):
            continue
        p, r, f1, acc = cells(metric)
        row = f"  {key:<{LABEL_WIDTH - 2}} {p:>6} {r:>6} {f1:>6} {acc:>6} {metric.n:>6}"
        if baseline:
            bp, br, bf, bacc = cells(base)
            row += f" | {bp:>7} {br:>6} {bf:>6} {bacc:>6}"
        lines.append(row)
    lines.append(f"  definition: {definition}")
    if baseline and baseline_definition:
        lines.append(f"  baseline: {baseline_definition}")
    return lines


def explain(title: str, result: Result, limit: int) -> list[str]:
    """The first `limit` errors of a component, each with its article."""
    if limit <= 0 or not result.errors:
        return []
    lines = [f"{title}: first {min(limit, len(result.errors))} of {len(result.errors)} errors"]
    for error in result.errors[:limit]:
        lines.append(f"  [{error.kind}] {error.article}: {error.text}")
    return lines


def seed_lines(checks: Sequence[tuple[str, bool, str]]) -> list[str]:
    """The seed's PASS/FAIL list and a count."""
    passed = sum(ok for _, ok, _ in checks)
    lines = [f"9. Seed checks (syria-russia-bases vs expected.json): {passed}/{len(checks)} PASS"]
    lines += [f"  {'PASS' if ok else 'FAIL'}  {item}  [{detail}]" for item, ok, detail in checks]
    return lines


def to_json(
    totals: Mapping[str, Result],
    baselines: Mapping[str, Result],
    per_article: Mapping[str, Mapping[str, Result]],
    definitions: Mapping[str, str],
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    """Every number: totals and spaCy per component, and each article's own."""
    components = {
        name: {
            "definition": definitions[name],
            "sitrep": result.to_json(),
            **({"spacy": baselines[name].to_json()} if name in baselines else {}),
        }
        for name, result in totals.items()
    }
    articles = {
        article: {name: result.to_json() for name, result in results.items()}
        for article, results in per_article.items()
    }
    return {**extra, "components": components, "per_article": articles}
