"""Quotations on real text: kinds, speakers (before, after, inverted, pronoun, role noun,
carry-over, collective), cue verbs, media, indirect speech, topics."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED_EXPECTED


def by_text(extraction, fragment):
    found = [q for q in extraction.quotes if fragment in q.text]
    assert found, f"no quote with {fragment!r}: {[q.text for q in extraction.quotes]}"
    return found[0]


def test_every_seed_quote_has_its_speaker_kind_cue_and_medium(seed_extraction):
    expected = json.loads(SEED_EXPECTED.read_text())
    for gold in expected["quotes"]:
        quote = by_text(seed_extraction, gold["text"].rstrip(",."))
        assert quote.speaker == gold["speaker"], gold["text"]
        assert quote.kind == gold["kind"], gold["text"]
        if gold.get("cue"):
            assert quote.cue == gold["cue"]
        if gold.get("medium"):
            assert quote.medium == gold["medium"]


def test_seed_statements_are_indirect_speech_with_their_speakers(seed_extraction):
    expected = json.loads(SEED_EXPECTED.read_text())["statements"]
    indirect = [q for q in seed_extraction.quotes if q.kind == "indirect"]
    for gold in expected:
        match = [q for q in indirect if gold["text"] in q.text]
        assert match and match[0].speaker == gold["speaker"], gold


def test_the_carried_over_quote_has_no_cue_of_its_own(seed_extraction):
    quote = by_text(seed_extraction, "The Russian and Assad regimes")
    assert quote.speaker == "Andrii Sybiha" and quote.cue is None


ARTICLE = """Talks stall over Gaza aid corridor

Egyptian Foreign Minister Badr Abdelatty met his Qatari counterpart in Cairo on Monday.

"We are close, but not there yet," said Abdelatty, speaking to reporters after the meeting.

He added that the crossings "must open without conditions."

"Every day of delay costs lives," a spokesperson for the World Food Programme told CNN. "We have trucks waiting at the border."

Israeli officials said the proposal was under review, according to the prime minister's office.

In an interview with Al Jazeera, Hamas official Basem Naim said the group had "shown maximum flexibility."
"""


@pytest.fixture(scope="module")
def article(extract):
    return extract(ARTICLE, published="2025-03-03")


def test_inverted_attribution(article):
    quote = by_text(article, "We are close")
    assert quote.kind == "direct" and quote.cue == "said"
    assert quote.speaker == "Badr Abdelatty"


def test_pronoun_speaker_and_partial_quote(article):
    quote = by_text(article, "must open without conditions")
    assert quote.kind == "partial" and quote.speaker == "Badr Abdelatty"


def test_collective_speaker_medium_and_carry_over(article):
    first = by_text(article, "Every day of delay costs lives")
    second = by_text(article, "We have trucks waiting")
    assert first.speaker == "World Food Programme" and first.medium == "CNN"
    assert second.speaker == "World Food Programme"


def test_interview_medium_and_speaker_after_the_frame(article):
    quote = by_text(article, "shown maximum flexibility")
    assert quote.speaker == "Basem Naim" and quote.medium == "Al Jazeera"


def test_anonymous_officials_speak_for_their_country(article):
    indirect = [q for q in article.quotes if q.kind == "indirect" and "under review" in q.text]
    assert indirect and indirect[0].speaker == "Israel"


def test_topics_are_the_entities_inside_a_quote(seed_extraction):
    quote = by_text(seed_extraction, "Syria cannot continue")
    names = {e.name for e in seed_extraction.entities if e.id in quote.topics}
    assert {"Syria", "Iran"} <= names


def test_a_quote_never_swallows_the_rest_of_the_article(extract):
    text = (
        "Headline about talks\n\n"
        + "He said: “this opens and never closes\n\n"
        + "Plain paragraph. " * 50
    )
    result = extract(text)
    assert all("Plain paragraph" not in q.text for q in result.quotes if q.kind != "indirect")


def test_a_document_that_is_one_long_quotation(extract):
    text = "“" + "We will stand firm and we will not yield to pressure. " * 200 + "”"
    result = extract(text)
    direct = [q for q in result.quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker is None


@pytest.mark.parametrize(
    ("sentence", "speaker", "medium"),
    [("“We are ready to act at any moment,” KCNA quoted Kim Jong Un as saying.",
      "Kim Jong Un", "Korean Central News Agency"),
     ("“China will not bend under pressure,” Xi Jinping said, according to state broadcaster CCTV.",
      "Xi Jinping", "China Central Television"),
     ("Volodymyr Zelenskyy wrote on X that Russia “will not break us.”", "Volodymyr Zelenskyy", "X"),
     ("“The market will decide,” Alexander Novak told the state news agency TASS.",
      "Alexander Novak", "TASS")],
)  # fmt: skip
def test_media_relayed_posted_and_told(extract, sentence, speaker, medium):
    result = extract("Headline for the test article\n\n" + sentence, published="2025-03-03")
    quote = next(q for q in result.quotes if q.kind != "indirect")
    assert (quote.speaker, quote.medium) == (speaker, medium)
