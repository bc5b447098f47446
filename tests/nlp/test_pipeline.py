"""The spaCy pipeline with sitrep's components: paragraphs, knowledge-base names, merge rule."""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.errors import ConfigError
from sitrep.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(Settings().model)


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents if e.label_ not in ("DATE", "CARDINAL", "TIME")]


def test_the_pipeline_is_built_once_with_sitreps_components(nlp):
    assert load_pipeline(Settings().model) is nlp
    names = nlp.pipe_names
    assert names.index("sitrep_paragraphs") < names.index("parser")
    assert names[-1] == "sitrep_actors"


def test_a_missing_model_is_one_clear_error():
    with pytest.raises(ConfigError, match="spaCy model 'no_such_model' is not installed"):
        load_pipeline("no_such_model")


def test_a_blank_line_ends_a_sentence(nlp):
    doc = nlp("Leader wants bases kept\n\nUkraine reportedly supplied drones.")
    first = next(iter(doc.sents))
    assert first.text.strip() == "Leader wants bases kept"
    assert all("\n\n" not in s.text.strip() for s in doc.sents)


def test_knowledge_base_types_correct_the_ner(nlp):
    doc = nlp("Al Sharaa further told Al Arabiya that jets remain at Khmeimim and that "
              "Hay’at Tahrir al-Sham (HTS) would decide.")  # fmt: skip
    found = dict(ents(doc))
    assert found["Al Arabiya"] == "ORG" and found["Khmeimim"] == "FAC"
    assert found["Hay’at Tahrir al-Sham"] == "ORG" and found["HTS"] == "ORG"


def test_a_title_in_front_of_a_known_name_gives_way(nlp):
    doc = nlp("Kremlin spokesman Dmitry Peskov told reporters nothing had changed.")
    assert ("Dmitry Peskov", "PERSON") in ents(doc)


def test_hyphenated_names_stay_whole_and_compound_adjectives_do_not_join(nlp):
    doc = nlp("Analyst Chen Wei-lin of a Kyiv-based institute spoke to NATO-led forces.")
    texts = [t for t, _ in ents(doc)]
    assert "Chen Wei-lin" in texts
    assert not any(t.endswith(("-based", "-led")) for t in texts)


def test_lowercase_and_possessive_slips_of_the_ner_are_fixed(nlp):
    doc = nlp(
        "Pakistan's Inter-Services Public Relations said army, navy and air force units moved."
    )
    texts = [t for t, _ in ents(doc)]
    assert "army" not in texts and not any(t.startswith("Pakistan's") for t in texts)


def test_a_countrys_body_named_with_a_possessive_gives_two_mentions(extract):
    result = extract("Headline\n\nTaiwan's Ministry of National Defense said it had spotted "
                     "eleven ships.", published="2025-04-08")  # fmt: skip
    mentions = {m.text: m.entity_id for m in result.mentions if m.kind == "name"}
    assert mentions["Taiwan"] == "TWN"
    assert mentions["Ministry of National Defense"] == "taiwan-ministry-of-national-defense"


def test_every_token_gets_sitreps_normalised_form_as_norm(nlp):
    from sitrep.kb import token_norm
    from sitrep.nlp.actors import set_norms

    text = "Muhammad Al-Jolani met Erdoğan’s envoy, then el-Sisi, then MUHAMMAD again."
    doc = set_norms(nlp.make_doc(text))
    assert [t.norm_ for t in doc] == [token_norm(t.text) for t in doc]
    assert doc[0].norm_ == doc[-3].norm_ == token_norm("Mohammed")  # one spelling group
    assert [t.norm_ for t in doc if t.text in ("Al", "el")] == ["al", "al"]
