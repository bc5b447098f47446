"""The PLOVER -> CAMEO table: complete, consistent with GDELT's QuadClass, validated on load."""

from __future__ import annotations

import pytest

from sitrep.errors import KnowledgeBaseError, NotFoundError
from sitrep.export.cameo import CameoCode, cameo_for, load_cameo, quad_class
from sitrep.schema import PLOVER_TYPES

GOOD_ENTRY = '- plover: {type}\n  root: "04"\n  code: "040"\n  quad: 1\n  goldstein: 1.0\n'


def test_every_plover_type_has_a_code_consistent_with_its_root():
    table = load_cameo()
    assert sorted(table) == sorted(PLOVER_TYPES)
    for coding in table.values():
        assert coding.code.startswith(coding.root) and len(coding.code) in (3, 4)
        assert coding.quad == quad_class(coding.root)
        assert -10 <= coding.goldstein <= 10


@pytest.mark.parametrize(
    ("plover", "root", "code", "quad", "goldstein"),
    [
        ("CONSULT", "04", "040", 1, 1.0),
        ("ASSAULT", "19", "190", 4, -10.0),
        ("SANCTION", "16", "160", 4, -4.0),
        ("THREATEN", "13", "130", 3, -4.4),
        ("ACCUSE", "11", "110", 3, -2.0),
        ("REJECT", "12", "120", 3, -4.0),
        ("REQUEST", "02", "020", 1, 3.0),
        ("AID", "07", "070", 2, 7.0),
        ("COOPERATE", "06", "060", 2, 6.0),
        ("AGREE", "03", "030", 1, 4.0),
        ("SUPPORT", "05", "050", 1, 3.5),
        ("CONCEDE", "08", "080", 2, 5.0),
        ("RETREAT", "08", "087", 2, 9.0),
        ("PROTEST", "14", "140", 4, -6.5),
        ("MOBILIZE", "15", "150", 4, -7.2),
        ("COERCE", "17", "170", 4, -7.0),
    ],
)
def test_mapping(plover, root, code, quad, goldstein):
    assert cameo_for(plover) == CameoCode(root, code, quad, goldstein)
    assert tuple(cameo_for(plover.lower())) == (root, code, quad, goldstein)


def test_quad_classes_follow_gdelt():
    assert [quad_class(f"{r:02d}") for r in (1, 5, 6, 8, 9, 13, 14, 20)] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(NotFoundError):
        quad_class("21")


def test_unknown_type_is_a_one_line_error():
    with pytest.raises(
        NotFoundError, match="no CAMEO code for event type 'GREET'; PLOVER types: AGREE"
    ):
        cameo_for("GREET")


def full_table(replacing: str | None = None, entry: str = "") -> str:
    """A valid file, optionally with one type's entry replaced by `entry`."""
    return "".join(entry if t == replacing else GOOD_ENTRY.format(type=t) for t in PLOVER_TYPES)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '- plover: CONSULT\n  root: 04\n  code: "040"\n  quad: 1\n  goldstein: 1.0\n',
            r"root 4 must be a quoted CAMEO root code",
        ),
        (
            '- plover: CONSULT\n  root: "04"\n  code: "140"\n  quad: 1\n  goldstein: 1.0\n',
            r"code '140' must be 3 or 4 digits, quoted, under root 04",
        ),
        (
            '- plover: CONSULT\n  root: "04"\n  code: "040"\n  quad: 3\n  goldstein: 1.0\n',
            r"quad 3 is wrong; root 04 is QuadClass 1",
        ),
        (
            '- plover: CONSULT\n  root: "04"\n  code: "040"\n  quad: 1\n  goldstein: 12\n',
            r"goldstein 12 must be a number from -10 to 10",
        ),
        (
            '- plover: GREET\n  root: "04"\n  code: "040"\n  quad: 1\n  goldstein: 1.0\n',
            r"'GREET' is not a PLOVER event type",
        ),
        (
            '- plover: CONSULT\n  root: "04"\n  code: "040"\n  quad: 1\n  goldstein: 1\n  note: x\n',
            r"unknown key 'note'",
        ),
    ],
)
def test_bad_entries_name_file_and_line(tmp_path, entry, message):
    path = tmp_path / "cameo.yaml"
    path.write_text(full_table("CONSULT", entry))
    line = 1 + 5 * PLOVER_TYPES.index("CONSULT")
    with pytest.raises(KnowledgeBaseError, match=rf"^{path}:{line}: {message}"):
        load_cameo(path)


def test_missing_and_duplicate_types_are_refused(tmp_path):
    path = tmp_path / "cameo.yaml"
    path.write_text(full_table("ASSAULT", ""))
    with pytest.raises(KnowledgeBaseError, match=rf"^{path}: no entry for PLOVER type ASSAULT$"):
        load_cameo(path)
    path.write_text(full_table() + GOOD_ENTRY.format(type="AID"))
    with pytest.raises(KnowledgeBaseError, match=rf"^{path}:81: PLOVER type AID is mapped twice"):
        load_cameo(path)


def test_a_custom_file_loads(tmp_path):
    path = tmp_path / "cameo.yaml"
    path.write_text(full_table())
    assert load_cameo(path)["ASSAULT"] == CameoCode("04", "040", 1, 1.0)
