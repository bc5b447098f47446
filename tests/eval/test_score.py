"""The scorer's components on a small hand-made article where the right numbers are known."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from eval.baseline import BASELINE_DEFINITION, contract_from_spans
from eval.entities import predicted_mentions, score_mentions, score_resolution
from eval.events import score_events, score_stances, sign
from eval.gold import GoldArticle, gold_mentions
from eval.metrics import PR, Accuracy
from eval.names import Names, Ref
from eval.quotes import score_quotes, score_statements
from eval.report import fmt, section
from eval.score import COMPONENTS, metadata, parse_args, score_article
from eval.times import score_times

from tests.eval.fakes import fake_kb

TEXT = (
    "Russia pulls jets from Khmeimim Air Base\n\n"
    "Vladimir Putin said on Monday that Moscow would keep Khmeimim. "
    "“We are not leaving,” Putin told Al Arabiya. "
    "Damascus said it had not asked Russia to go, and Syria said talks continue.\n\n"
    "“Nothing has changed,” an official said."
)
DAY = "2025-01-07"
GOLD: dict[str, Any] = {
    "id": "test-article",
    "document": {"title": "Russia pulls jets from Khmeimim Air Base", "published": DAY},
    "entities": [
        {"name": "Russia", "type": "GPE", "aliases": ["Russia", "Moscow (as the government)"]},
        {"name": "Syria", "type": "GPE", "aliases": ["Syria", "Damascus (as the government)"]},
        {"name": "Damascus", "type": "GPE", "aliases": ["Damascus"]},
        {
            "name": "Khmeimim Air Base",
            "type": "FACILITY",
            "aliases": ["Khmeimim Air Base", "Khmeimim"],
        },
        {"name": "Vladimir Putin", "type": "PERSON", "aliases": ["Vladimir Putin", "Putin"]},
        {"name": "Al Arabiya", "type": "ORG", "aliases": ["Al Arabiya"]},
    ],
    "quotes": [
        {
            "text": "We are not leaving,",
            "speaker": "Vladimir Putin",
            "kind": "direct",
            "cue": "told",
            "medium": "Al Arabiya",
        },
        {
            "text": "Nothing has changed,",
            "speaker": None,
            "kind": "direct",
            "cue": "said",
            "note": "anonymous official; carry-over test",
        },
    ],
    "statements": [
        {"text": "Moscow would keep Khmeimim", "speaker": "Vladimir Putin", "kind": "indirect"},
        {"text": "it had not asked Russia to go", "speaker": "Syria", "kind": "indirect"},
    ],
    "events": [
        {
            "source": "Russia",
            "type": "RETREAT",
            "target": "Syria",
            "location": "Khmeimim Air Base",
            "modality": "asserted",
        },
        {"source": "Syria", "type": "REQUEST", "target": "Russia", "modality": "negated"},
        {"source": "Russia", "type": "MOBILIZE", "target": None, "modality": "asserted"},
    ],
    "stances": [
        {"source": "Syria", "target": "Russia", "stance": 0},
        {"source": "Russia", "target": "Syria", "stance": 1},
    ],
    "times": [{"text": "on Monday", "value": "2025-01-06"}],
}
IDS = {"Russia": "e-rus", "Syria": "e-syr", "Damascus": "e-dam", "Khmeimim Air Base": "e-khm"}
IDS |= {"Vladimir Putin": "e-put", "Al Arabiya": "e-ara"}
KB_IDS = {"Russia": "RUS", "Syria": "SYR", "Vladimir Putin": "vladimir-putin"}


@pytest.fixture
def names() -> Names:
    return Names(fake_kb())


def span_of(text: str, needle: str, marks: bool = False) -> dict[str, Any]:
    """start/end of a needle in TEXT, widened to its quote marks when asked."""
    start = TEXT.index(needle)
    end = start + len(needle)
    if marks:
        start, end = start - 1, end + 1
    return {"start": start, "end": end, "text": TEXT[start:end]}


def entity(name: str, etype: str, mentions: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": IDS.get(name, f"e-{name}"),
        "name": name,
        "type": etype,
        "kb_id": KB_IDS.get(name),
        "aliases": [],
        "mentions": mentions,
        **extra,
    }


def perfect() -> dict[str, Any]:
    """What a perfect extraction of TEXT looks like in the contract."""
    spans = {e["name"]: [] for e in GOLD["entities"]}
    for m in gold_mentions(TEXT, GOLD["entities"]):
        spans[m.names[0]].append({"start": m.start, "end": m.end, "text": m.text})
    types = {e["name"]: e["type"] for e in GOLD["entities"]}
    quotes = [
        {**span_of(TEXT, q["text"], marks=True), "kind": q["kind"], "speaker": q["speaker"]}
        | {"speaker_id": IDS.get(q["speaker"] or ""), "cue": q["cue"], "medium": q.get("medium")}
        for q in GOLD["quotes"]
    ]
    quotes += [
        {**span_of(TEXT, s["text"]), "kind": "indirect", "speaker": s["speaker"]}
        | {"speaker_id": IDS[s["speaker"]], "cue": "said", "medium": None}
        for s in GOLD["statements"]
    ]
    events = [
        {"type": e["type"], "source": e["source"], "source_id": IDS[e["source"]]}
        | {"target": e["target"], "target_id": IDS.get(e["target"] or "")}
        | {"location": e.get("location"), "modality": e["modality"], "negated": False}
        | {"sentence": "", "start": 0, "end": 1}
        for e in GOLD["events"]
    ]
    stances = [
        {"source": s["source"], "source_id": IDS[s["source"]], "target": s["target"]}
        | {"target_id": IDS[s["target"]], "stance": float(s["stance"]), "evidence": []}
        for s in GOLD["stances"]
    ]
    times = [{**span_of(TEXT, "on Monday"), "value": "2025-01-06"}]
    return {
        "document": {"text": TEXT, "published": DAY},
        "entities": [entity(n, types[n], spans[n]) for n in spans],
        "quotes": quotes,
        "events": events,
        "stances": stances,
        "times": times,
    }


def article(gold: dict[str, Any] | None = None) -> GoldArticle:
    return GoldArticle("test-article", TEXT, gold or GOLD)


def scores(contract: dict[str, Any], names: Names, gold: dict[str, Any] | None = None):
    return score_article(article(gold), contract, names)


def assert_all_perfect(results):
    for component, result in results.items():
        for key, metric in result.metrics.items():
            if isinstance(metric, PR) and metric.n_gold:
                assert (metric.precision, metric.recall, metric.f1) == (1.0, 1.0, 1.0), (
                    component,
                    key,
                )
            if isinstance(metric, Accuracy) and metric.total:
                assert metric.value == 1.0, (component, key)


# --- whole article -------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere(names):
    results = scores(perfect(), names)
    assert set(results) == {c.name for c in COMPONENTS}
    assert_all_perfect(results)
    assert results["entities"].metrics["strict"].n_gold == 10
    assert results["resolution"].metrics["clusters"] == Accuracy(3, 3)
    quotes = results["quotes"].metrics
    assert (quotes["speaker"].total, quotes["cue"].total, quotes["medium"].total) == (2, 2, 1)
    assert quotes["anonymous: found"] == Accuracy(1, 1)
    assert results["events"].metrics["type RETREAT"] == PR(1, 1, 1, 1)
    assert results["events"].metrics["location"] == Accuracy(1, 1)
    assert all(not r.errors for r in results.values())


def test_empty_prediction_gives_recall_zero(names):
    results = scores({"document": {"text": TEXT}}, names)
    for result in results.values():
        for metric in result.metrics.values():
            if isinstance(metric, PR) and metric.n_gold:
                assert metric.recall == 0.0
                assert metric.precision is None
                assert metric.f1 == 0.0
            if isinstance(metric, Accuracy):
                assert metric.total == 0 or metric.value == 0.0
    assert any(e.kind == "miss" for e in results["quotes"].errors)


def test_components_the_gold_lacks_are_skipped(names):
    gold = {k: v for k, v in GOLD.items() if k != "times"}
    assert "times" not in scores(perfect(), names, gold)


def test_metadata_passes_the_gold_document_as_is():
    seedlike = GoldArticle("s", "", {"document": {"title": "T", "published": None}})
    assert metadata(seedlike) == {"title": "T", "published": None, "source": None, "url": None}


# --- 1. mentions ---------------------------------------------------------------------------


def mentions_result(contract):
    gold = gold_mentions(TEXT, GOLD["entities"])
    return score_mentions(gold, predicted_mentions(contract), "t").metrics


def test_wrong_type_fails_strict_and_relaxed_but_fac_is_facility():
    contract = perfect()
    khmeimim = contract["entities"][3]
    khmeimim["type"] = "ORG"
    wrong = mentions_result(contract)
    assert wrong["strict"] == PR(8, 10, 8, 10)
    assert wrong["relaxed"].recall == 8 / 10
    khmeimim["type"] = "FAC"
    assert mentions_result(contract)["strict"].f1 == 1.0


def test_overlapping_aliases_count_once_and_a_part_counts_only_relaxed():
    contract = perfect()
    base = contract["entities"][3]
    head = next(m for m in base["mentions"] if m["text"] == "Khmeimim Air Base")
    assert len([m for m in base["mentions"] if m["start"] == head["start"]]) == 1
    head["end"] = head["start"] + len("Khmeimim")  # "Khmeimim" inside "Khmeimim Air Base"
    result = mentions_result(contract)
    assert result["strict"] == PR(9, 10, 9, 10)
    assert result["relaxed"] == PR(10, 10, 10, 10)


# --- 2. resolution -------------------------------------------------------------------------


def resolution(contract, names):
    gold = gold_mentions(TEXT, GOLD["entities"])
    return score_resolution(gold, predicted_mentions(contract), names, "t", DAY)


def move_mention(contract, text, to: dict[str, Any]):
    for e in contract["entities"]:
        for m in list(e["mentions"]):
            if m["text"] == text:
                e["mentions"].remove(m)
                to["mentions"].append(m)


def test_a_shared_alias_resolves_to_either_entity(names):
    contract = perfect()
    damascus = contract["entities"][2]
    move_mention(contract, "Damascus", damascus)  # the city instead of the government
    assert resolution(contract, names).metrics["mentions"].f1 == 1.0


def test_wrong_entity_lowers_resolution_and_splits_the_cluster(names):
    contract = perfect()
    moscow = entity("Moscow", "GPE", [])
    contract["entities"].append(moscow)
    move_mention(contract, "Moscow", moscow)  # the city, not the government
    result = resolution(contract, names)
    assert result.metrics["mentions"] == PR(9, 10, 9, 10)
    assert result.metrics["clusters"] == Accuracy(2, 3)
    assert [e.kind for e in result.errors] == ["wrong entity", "split cluster"]


def test_kb_id_resolves_a_different_name_and_no_kb_id_does_not(names):
    contract = perfect()
    russia = contract["entities"][0]
    russia["name"] = "Russian Federation"
    assert resolution(contract, names).metrics["mentions"].recall == 1.0
    russia["kb_id"] = None
    assert resolution(contract, names).metrics["mentions"].recall == 7 / 10


def test_names_match_by_key_by_kb_and_null_only_with_null(names):
    assert names.same("Ahmed al-Sharaa", Ref("Ahmed Al Sharaa"))
    assert names.same("Russia", Ref("the Kremlin", "RUS"))
    assert not names.same("Russia", Ref("Moscow", "geonames:170654"))
    assert names.same(None, Ref(None))
    assert not names.same(None, Ref("Russia"))
    assert not names.same("Russia", Ref(None))


# --- 4, 5. quotes and statements ----------------------------------------------------------


def quotes(contract, names, gold=None):
    gold = gold or GOLD
    return score_quotes(TEXT, gold["quotes"], contract, names, "t", DAY).metrics


def test_a_wrong_speaker_lowers_only_attribution(names):
    contract = perfect()
    contract["quotes"][0] |= {"speaker": "Al Arabiya", "speaker_id": "e-ara"}
    result = quotes(contract, names)
    assert result["detection"].f1 == 1.0
    assert result["speaker"] == Accuracy(1, 2)
    assert result["kind"] == result["cue"] == Accuracy(2, 2)
    assert result["medium"] == Accuracy(1, 1)


def test_a_null_gold_speaker_matches_only_a_null_prediction(names):
    contract = perfect()
    assert quotes(contract, names)["speaker"] == Accuracy(2, 2)
    contract["quotes"][1] |= {"speaker": "Vladimir Putin", "speaker_id": "e-put"}
    assert quotes(contract, names)["speaker"] == Accuracy(1, 2)


def test_quotes_match_on_half_of_the_shorter_text(names):
    contract = perfect()
    quote = contract["quotes"][0]
    start = TEXT.index("We are not leaving")  # 18 characters once trimmed
    quote |= {"start": start + 8, "end": start + 30}  # shares 10 of them
    assert quotes(contract, names)["detection"] == PR(2, 2, 2, 2)
    quote["start"] = start + 10  # shares 8
    assert quotes(contract, names)["detection"] == PR(1, 2, 1, 2)


def test_indirect_predictions_are_statements_not_quotes(names):
    contract = perfect()
    contract["quotes"][0]["kind"] = "indirect"
    assert quotes(contract, names)["detection"] == PR(1, 1, 1, 2)
    statements = score_statements(TEXT, GOLD["statements"], contract, names, "t", DAY).metrics
    assert statements["detection"] == PR(2, 3, 2, 2)
    assert statements["speaker"] == Accuracy(2, 2)


def test_a_joint_statement_pairs_each_speaker_with_its_own_prediction(names):
    gold = [
        {"text": "talks continue", "speaker": "Russia"},
        {"text": "talks continue", "speaker": "Syria"},
    ]
    contract = perfect()
    start = TEXT.index("talks continue")
    contract["quotes"] = [
        {"start": start, "end": start + 14, "kind": "indirect", "text": "talks continue"}
        | {"speaker": speaker, "speaker_id": IDS[speaker]}
        for speaker in ("Syria", "Russia")
    ]
    result = score_statements(TEXT, gold, contract, names, "t", DAY).metrics
    assert result["detection"] == PR(2, 2, 2, 2)
    assert result["speaker"] == Accuracy(2, 2)


def test_note_keywords_split_found_and_speaker(names):
    contract = perfect()
    contract["quotes"][1] |= {"speaker": "Syria", "speaker_id": "e-syr"}
    result = quotes(contract, names)
    assert result["anonymous: found"] == Accuracy(1, 1)
    assert result["anonymous: speaker"] == Accuracy(0, 1)
    assert result["carry-over: speaker"] == Accuracy(0, 1)
    assert result["nested: found"] == Accuracy(0, 0)


# --- 6. events -----------------------------------------------------------------------------


def events(contract, names, gold=None, day=DAY):
    return score_events(gold or GOLD["events"], contract, names, "t", day).metrics


def test_a_person_counts_for_the_country_he_serves_but_not_the_reverse(names):
    contract = perfect()
    contract["events"][0] |= {"source": "Vladimir Putin", "source_id": "e-put"}
    assert events(contract, names)["triples"] == PR(3, 3, 3, 3)
    gold = copy.deepcopy(GOLD["events"])
    gold[0]["source"] = "Vladimir Putin"
    contract = perfect()  # predicts Russia where the gold says Putin
    assert events(contract, names, gold)["triples"] == PR(2, 3, 2, 3)


def test_a_role_serves_a_country_only_on_its_dates(names):
    contract = perfect()
    minister = entity("Murhaf Abu Qasra", "PERSON", [], kb_id="murhaf-abu-qasra")
    contract["entities"].append(minister)
    contract["events"][1] |= {"source": minister["name"], "source_id": minister["id"]}
    assert events(contract, names, day="2025-02-01")["triples"].recall == 1.0
    assert events(contract, names, day="2025-01-07")["triples"].recall == 2 / 3


def test_a_null_gold_target_matches_only_a_null_target(names):
    contract = perfect()
    contract["events"][2] |= {"target": "Syria", "target_id": "e-syr"}
    result = events(contract, names)
    assert result["triples"] == PR(2, 3, 2, 3)
    assert result["type MOBILIZE"] == PR(0, 1, 0, 1)


def test_matching_is_one_to_one(names):
    gold = [GOLD["events"][0], GOLD["events"][0]]
    contract = perfect()
    contract["events"] = contract["events"][:1]
    assert events(contract, names, gold)["triples"] == PR(1, 1, 1, 2)


def test_modality_and_location_are_judged_on_matched_triples(names):
    contract = perfect()
    contract["events"][1] |= {"modality": "asserted", "negated": True}  # negation flag counts
    contract["events"][0] |= {"location": "Damascus", "modality": "reported"}
    result = events(contract, names)
    assert result["modality"] == Accuracy(2, 3)
    assert result["location"] == Accuracy(0, 1)
    assert result["triples"].f1 == 1.0


# --- 7. stances ----------------------------------------------------------------------------


def stances(contract, names):
    return score_stances(GOLD["stances"], contract, names, "t", DAY).metrics


def test_stance_sign_coverage_and_precision(names):
    contract = perfect()
    contract["stances"][0]["stance"] = 0.1  # still mixed
    contract["stances"][1]["stance"] = -0.6  # wrong sign
    contract["stances"].append(
        {"source": "Vladimir Putin", "source_id": "e-put", "target": "Al Arabiya"}
        | {"target_id": "e-ara", "stance": 1.0}
    )
    result = stances(contract, names)
    assert result["pairs"] == PR(2, 3, 2, 2)
    assert result["sign"] == Accuracy(1, 2)


def test_stance_pairs_are_directed_and_a_person_may_stand_for_his_country(names):
    contract = perfect()
    contract["stances"][1] |= {"source": "Vladimir Putin", "source_id": "e-put"}
    assert stances(contract, names)["pairs"].recall == 1.0
    contract["stances"] = [contract["stances"][0] | {"source": "Russia", "target": "Syria"}]
    contract["stances"][0] |= {"source_id": "e-rus", "target_id": "e-syr", "stance": 0.0}
    result = stances(contract, names)
    assert result["pairs"] == PR(1, 1, 1, 2)  # the Russia -> Syria pair, not Syria -> Russia
    assert result["sign"] == Accuracy(0, 1)


def test_sign_reads_small_scores_as_mixed():
    assert [sign(v) for v in (-1.0, -0.3, -0.1, 0.0, 0.19, 0.2, 1.0)] == [-1, -1, 0, 0, 0, 1, 1]


# --- 8. times ------------------------------------------------------------------------------


def test_times_match_on_overlap_and_value():
    contract = perfect()
    start = TEXT.index("Monday")
    contract["times"] = [
        {"text": "Monday", "start": start, "end": start + 6, "value": "2025-01-13"}
    ]
    result = score_times(TEXT, GOLD["times"], contract, "t").metrics
    assert result["detection"] == PR(1, 1, 1, 1)
    assert result["value"] == Accuracy(0, 1)
    gold = [{"text": "on Monday", "value": None}]
    contract["times"][0]["value"] = None
    assert score_times(TEXT, gold, contract, "t").metrics["value"] == Accuracy(1, 1)
    contract["times"][0] |= {"start": 0, "end": 6}
    assert score_times(TEXT, gold, contract, "t").metrics["detection"] == PR(0, 1, 0, 1)


def test_a_repeated_expression_is_excused_only_in_its_own_row():
    text = "Talks began on Thursday. The deal was signed on Thursday, not in May."
    gold = [{"text": "on Thursday", "value": "2025-01-02"}]
    preds = [
        {"text": "on Thursday", "start": s, "end": s + 11, "value": "2025-01-02"}
        for s in (text.index("on Thursday"), text.rindex("on Thursday"))
    ]
    preds.append({"text": "May", "start": text.index("May"), "end": text.index("May") + 3})
    result = score_times(text, gold, {"times": preds}, "t")
    assert result.metrics["detection"] == PR(1, 3, 1, 1)
    assert result.metrics["detection, repeats excused"] == PR(1, 2, 1, 1)
    assert [e.kind for e in result.errors] == ["repeat", "false positive"]


# --- baseline, report, command line --------------------------------------------------------


def test_baseline_entities_are_named_by_their_text():
    text = "Putin met Putin in Moscow; Russians cheered Al-Sharaa and Al Sharaa."
    spans = [(0, 5, "PERSON"), (10, 15, "PERSON"), (19, 25, "GPE"), (27, 35, "NORP")]
    spans += [(44, 53, "PERSON"), (58, 67, "PERSON"), (0, 5, "DATE")]
    contract = contract_from_spans(text, spans)
    names_ = [(e["name"], e["type"], len(e["mentions"])) for e in contract["entities"]]
    assert names_ == [
        ("Putin", "PERSON", 2),
        ("Moscow", "GPE", 1),
        ("Russians", "NORP", 1),
        ("Al-Sharaa", "PERSON", 2),
    ]
    assert contract_from_spans("Tartus base", [(0, 6, "FAC")])["entities"][0]["type"] == "FACILITY"


def test_section_prints_rows_baseline_and_definition():
    metrics = {"strict": PR(1, 2, 1, 4), "speaker": Accuracy(3, 4), "type X": PR()}
    from eval.metrics import Result

    lines = section("1. Mentions", Result(metrics), "one line", Result({"strict": PR(0, 0, 0, 4)}))
    assert lines[0] == "1. Mentions"
    assert "spaCy P" in lines[1]
    assert lines[2].split()[:5] == ["strict", "0.500", "0.250", "0.333", "-"]
    assert lines[2].split()[-4:] == ["-", "0.000", "0.000", "-"]
    assert lines[3].split()[:6] == ["speaker", "-", "-", "-", "0.750", "4"]
    assert lines[-1] == "  definition: one line"
    assert len(lines) == 5  # the empty "type X" row is left out
    assert fmt(None) == "-"


def test_components_are_checked_on_the_command_line(capsys):
    args = parse_args(["--components", "quotes, events", "--no-baseline", "--explain", "5"])
    assert (args.components, args.no_baseline, args.explain) == (["quotes", "events"], True, 5)
    with pytest.raises(SystemExit):
        parse_args(["--components", "quotes,sentiment"])
    assert "sentiment" in capsys.readouterr().err


def test_the_readme_states_every_printed_definition():
    readme = (Path(__file__).resolve().parents[2] / "eval" / "README.md").read_text("utf-8")
    for definition in [c.definition for c in COMPONENTS] + [BASELINE_DEFINITION]:
        assert definition in readme
