"""Counts that add up over articles: precision/recall pairs, accuracies and error records."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class PR:
    """Precision and recall as hits over predictions and hits over gold items.

    Kept as four counts (not tp/fp/fn) because some scores count hits differently on each
    side: a relaxed overlap score counts predictions that hit and gold items that are hit.
    """

    hit_pred: int = 0
    n_pred: int = 0
    hit_gold: int = 0
    n_gold: int = 0

    @classmethod
    def one_to_one(cls, matched: int, n_pred: int, n_gold: int) -> PR:
        """A score where every match pairs one prediction with one gold item."""
        return cls(matched, n_pred, matched, n_gold)

    @property
    def precision(self) -> float | None:
        """Hits over predictions, or None when nothing was predicted."""
        return self.hit_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        """Hits over gold items, or None when the gold has none."""
        return self.hit_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of P and R; an undefined side counts as 0 unless both are undefined."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def n(self) -> int:
        """The number of gold items."""
        return self.n_gold

    def __add__(self, other: PR) -> PR:
        return PR(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_json(self) -> dict[str, Any]:
        """All counts and the three scores."""
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "hit_pred": self.hit_pred, "n_pred": self.n_pred,
            "hit_gold": self.hit_gold, "n_gold": self.n_gold,
        }  # fmt: skip


@dataclass(slots=True)
class Accuracy:
    """Correct decisions over decisions made."""

    correct: int = 0
    total: int = 0

    @classmethod
    def of(cls, outcomes: list[bool]) -> Accuracy:
        """The accuracy of a list of right/wrong outcomes."""
        return cls(sum(outcomes), len(outcomes))

    @property
    def value(self) -> float | None:
        """The share correct, or None when nothing was decided."""
        return self.correct / self.total if self.total else None

    @property
    def n(self) -> int:
        """The number of decisions."""
        return self.total

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        """The share and its counts."""
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


Metric = PR | Accuracy


@dataclass(frozen=True, slots=True)
class Error:
    """One scoring error worth showing to the engineer tuning extraction."""

    kind: str  # false positive, miss, wrong speaker, ...
    article: str
    text: str


@dataclass(slots=True)
class Result:
    """One component's metrics (in display order) and errors, for one article or summed."""

    metrics: dict[str, Metric] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)

    def __add__(self, other: Result) -> Result:
        metrics = dict(self.metrics)
        for key, metric in other.metrics.items():
            metrics[key] = plus(metrics[key], metric) if key in metrics else metric
        return Result(metrics, [*self.errors, *other.errors])

    def to_json(self) -> dict[str, Any]:
        """Every metric by name."""
        return {key: metric.to_json() for key, metric in self.metrics.items()}


def plus(a: Metric, b: Metric) -> Metric:
    """The sum of two metrics of the same kind."""
    if isinstance(a, PR) and isinstance(b, PR):
        return a + b
    if isinstance(a, Accuracy) and isinstance(b, Accuracy):
        return a + b
    raise TypeError(f"cannot add {type(a).__name__} and {type(b).__name__}")


def total(results: list[Result]) -> Result:
    """The sum of per-article results."""
    summed = Result()
    for result in results:
        summed = summed + result
    return summed
