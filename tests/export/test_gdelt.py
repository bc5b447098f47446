"""GDELT 2.0 event rows, read back with pandas: 61 columns, valid codes, actors and places."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sitrep.export.cameo import quad_class
from sitrep.export.gdelt import COLUMNS
from tests.export.records import fill_store, with_unknown_event_type


def read_gdelt(path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert frame.shape[1] == 61
    frame.columns = list(COLUMNS)
    return frame


def test_columns_are_the_codebook_61_in_order():
    assert len(COLUMNS) == 61 and len(set(COLUMNS)) == 61
    assert COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert COLUMNS[5] == "Actor1Code" and COLUMNS[15] == "Actor2Code"
    assert COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert COLUMNS[35] == "Actor1Geo_Type" and COLUMNS[51] == "ActionGeo_Type"
    assert COLUMNS[-3:] == ("ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


@pytest.fixture
def events(run_export, tmp_path):
    out = tmp_path / "events.tsv"
    result = run_export("--format", "gdelt", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"wrote 4 events to {out}"
    return read_gdelt(out).set_index("EventCode", drop=False)


def test_only_events_that_happened_are_exported_with_valid_codes(events):
    # hypothetical THREATEN and negated AID are left out
    assert sorted(events["EventCode"]) == ["040", "087", "160", "195"]
    for _, row in events.iterrows():
        assert re.fullmatch(r"\d{3,4}", row.EventCode)
        assert row.EventBaseCode == row.EventCode[:3] and row.EventRootCode == row.EventCode[:2]
        assert int(row.QuadClass) == quad_class(row.EventCode)
        assert -10 <= float(row.GoldsteinScale) <= 10
        assert re.fullmatch(r"\d{8}", row.Day) and row.MonthYear == row.Day[:6]
        assert row.Year == row.Day[:4] and re.fullmatch(r"\d{4}\.\d{4}", row.FractionDate)
        assert re.fullmatch(r"\d{14}", row.DATEADDED)
        assert (row.NumMentions, row.NumSources, row.NumArticles) == ("1", "1", "1")
    assert events["GlobalEventID"].map(int).is_unique


def test_consult_uses_the_plover_mapping_actor_codes_and_place(events):
    row = events.loc["040"]
    assert (row.Day, row.MonthYear, row.Year, row.FractionDate) == (
        "20250105", "202501", "2025", f"{2025 + 35 / 365:.4f}",
    )  # fmt: skip
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == (
        "RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV",
    )  # fmt: skip
    assert (row.Actor2Code, row.Actor2Name, row.Actor2CountryCode) == (
        "TURGOV",
        "HAKAN FIDAN",
        "TUR",
    )
    assert (row.QuadClass, row.GoldsteinScale, row.IsRootEvent) == ("1", "1.0", "1")
    assert row.Actor1Geo_Type == "0" and row.Actor1Geo_Lat == ""
    assert (row.ActionGeo_Type, row.ActionGeo_FullName, row.ActionGeo_CountryCode) == (
        "4", "Ankara", "TU",  # FIPS 10-4, as GDELT
    )  # fmt: skip
    assert (row.ActionGeo_Lat, row.ActionGeo_Long, row.ActionGeo_FeatureID) == (
        "39.9199", "32.8543", "323786",
    )  # fmt: skip
    assert row.SOURCEURL == "https://news.test/talks" and row.AvgTone == ""


def test_stored_cameo_and_goldstein_win_over_the_mapping(events):
    row = events.loc["195"]
    assert (row.EventRootCode, row.QuadClass, row.GoldsteinScale) == ("19", "4", "-10.0")
    assert (row.Actor1Code, row.Actor1Type1Code, row.Day) == ("RUSMIL", "MIL", "20250104")
    # Ukraine as a country: its entity's coordinates, FIPS code as ADM1 and feature id
    assert (row.Actor2Geo_Type, row.Actor2Geo_CountryCode, row.Actor2Geo_ADM1Code) == (
        "1",
        "UP",
        "UP",
    )
    assert row.Actor2Geo_FeatureID == "UP" and row.Actor2Geo_Lat == "50.4547"


def test_partial_dates_igo_actors_and_root_events(events):
    sanction, retreat = events.loc["160"], events.loc["087"]
    assert sanction.Day == "20250210"  # "2025-02" on the event: the document's day
    assert (sanction.Actor1Code, sanction.Actor1CountryCode, sanction.Actor1Type1Code) == (
        "IGO",
        "",
        "IGO",
    )
    assert (sanction.QuadClass, sanction.GoldsteinScale, sanction.IsRootEvent) == ("4", "-4.0", "1")
    assert (retreat.QuadClass, retreat.GoldsteinScale, retreat.IsRootEvent) == ("2", "9.0", "0")
    assert retreat.Actor2Code == "" and retreat.Actor2Geo_Type == "0"


def test_events_of_unknown_type_are_counted_not_exported(run_export, tmp_path):
    db = fill_store(str(tmp_path / "odd.duckdb"), with_unknown_event_type())
    out = tmp_path / "odd.tsv"
    result = run_export("--format", "gdelt", "--out", str(out), db=db)
    assert result.exit_code == 0
    assert "wrote 4 events" in result.stderr
    assert "(1 left out: no CAMEO code for their type)" in result.stderr
    assert len(read_gdelt(out)) == 4
