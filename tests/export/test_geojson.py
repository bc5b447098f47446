"""Located events as a GeoJSON FeatureCollection, validated against a minimal schema."""

from __future__ import annotations

import json

import jsonschema

POINT_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {
                                "type": "array",
                                "prefixItems": [
                                    {"type": "number", "minimum": -180, "maximum": 180},
                                    {"type": "number", "minimum": -90, "maximum": 90},
                                ],
                                "minItems": 2,
                                "maxItems": 3,
                            },
                        },
                    },
                    "properties": {
                        "type": "object",
                        "required": ["type", "modality", "source", "target", "date", "sentence",
                                     "document", "url"],
                    },
                },
            },
        },
    },
}  # fmt: skip


def test_located_events_are_valid_geojson(run_export, tmp_path):
    out = tmp_path / "events.geojson"
    result = run_export("--format", "geojson", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    collection = json.loads(out.read_text())
    jsonschema.validate(collection, POINT_COLLECTION)
    by_type = {f["properties"]["type"]: f for f in collection["features"]}
    # every located event, whatever its modality (the modality is a property)
    assert sorted(by_type) == ["ASSAULT", "CONSULT", "THREATEN"]
    consult = by_type["CONSULT"]
    assert consult["geometry"]["coordinates"] == [32.8543, 39.9199]  # longitude first
    props = consult["properties"]
    assert (props["source"], props["target"], props["date"]) == (
        "Vladimir Putin",
        "Hakan Fidan",
        "2025-01-05",
    )
    assert props["url"] == "https://news.test/talks" and "met Turkish" in props["sentence"]
    assert by_type["THREATEN"]["properties"]["modality"] == "hypothetical"


def test_an_empty_window_is_an_empty_collection(run_export, tmp_path):
    out = tmp_path / "none.geojson"
    assert (
        run_export("--format", "geojson", "--out", str(out), "--since", "2030-01-01").exit_code == 0
    )
    assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}
