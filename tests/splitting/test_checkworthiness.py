"""Check-worthiness: the contract of score() (range, not scored, reasons, cut) and its order."""

import numpy as np
import pytest

from annotations.splitting import checkworthiness, score
from annotations.splitting.checkworthiness import (
    NOT_SCORED,
    active_scorer,
    reasons,
    score_many,
    threshold,
)
from annotations.splitting.checkworthiness_cues import reasons_for
from annotations.splitting.checkworthiness_encoder import batches

# Written for these tests: hard facts a desk can check against records ...
FACTS = [
    "The river rose 2.3 metres overnight, the highest level since records began in 1953.",
    "The ministry said 412 teachers left the profession in the year to June.",
    "The council approved the budget by 9 votes to 4 on Tuesday.",
    "Ticket prices rose from $12 to $19 after the stadium was sold in 2021.",
    "According to the census office, the town's population fell by 8 percent in a decade.",
]
# ... and sentences that cannot be checked: analysis, opinion, speculation, scene-setting.
NOT_FACTS = [
    "The decision highlights a growing divide between the two wings of the party.",
    "It is a bold move that may yet come back to haunt the mayor.",
    "Whether voters will forgive him remains an open question.",
    "The hall fell silent as the lights dimmed.",
    "I think this is the worst idea anyone has had in years.",
]


def test_scores_are_between_zero_and_one():
    for sentence in ["", "?", "1" * 1000, "word " * 500, *FACTS, *NOT_FACTS]:
        assert 0.0 <= score(sentence).value <= 1.0


@pytest.mark.parametrize("language", ["ar", "nl", "es", "fr-CA", "", None])
def test_languages_without_a_model_are_not_scored(language):
    result = score("The deficit rose to 4.8 percent of GDP in 2024.", language)
    assert result.value is None
    assert result.reasons == (NOT_SCORED,)
    assert reasons("Anything.", language) == (NOT_SCORED,)
    assert score_many(["One.", "Two."], language) == [result._replace(reasons=(NOT_SCORED,))] * 2


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US"])
def test_english_tags_are_scored(language):
    assert score("Prices rose 3% last year.", language).value is not None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The plan costs 40 dollars.", "a number"),
        ("The law took effect in 1997.", "a date"),
        ("The figures were published by the statistics office.", "a named source"),
        ("Taxes are higher than in any other state.", "a comparison"),
        ("It was the wettest month on record.", "a record"),
        ("Is that really true?", "question"),
        ("I think this is a terrible idea.", "opinion"),
        ("The move signals a shift in the party's thinking.", "analysis"),
        ("The company might expand next year.", "speculation"),
        ("A crowd gathered in the evening, holding candles.", "scene-setting"),
    ],
)
def test_reasons_name_what_moved_the_score(sentence, reason):
    assert reason in score(sentence).reasons
    assert reason in reasons(sentence)


def test_reasons_are_readable_and_a_sentence_without_detail_says_so():
    result = score("He smiled and walked away.")
    assert result.reasons[0] == "no checkable detail"
    for sentence in FACTS + NOT_FACTS:
        found = score(sentence).reasons
        assert found and all(r and r == r.strip() and "_" not in r for r in found)


def test_hard_facts_rank_above_analysis_and_opinion():
    facts = [score(s).value for s in FACTS]
    others = [score(s).value for s in NOT_FACTS]
    assert min(facts) > max(others)
    assert all(v >= threshold() for v in facts)
    assert all(v < threshold() for v in others)


def test_batch_scoring_gives_the_same_scores():
    sentences = FACTS + NOT_FACTS + [""]
    assert score_many(sentences) == [score(s) for s in sentences]


# Mixed lengths, so that batches are padded: from one word piece to the 64 the tokenizer keeps.
MIXED = [
    "Yes.",
    *FACTS,
    "Unemployment fell.",
    " ".join(NOT_FACTS),
    *NOT_FACTS,
    "The report, published on Monday, found that 3,200 of the 41,000 homes inspected in 2023 "
    "had at least one serious hazard, most of them damp or mould.",
]


def test_a_sentence_gets_the_same_embedding_alone_and_in_any_batch():
    encoder = checkworthiness.load_encoder()
    alone = [encoder.embed([s])[0] for s in MIXED]
    # One padded batch (no length grouping): an encoder quantising per batch fails here.
    one_run = encoder.session.run(None, _padded(encoder, MIXED))[0]
    for batch in (MIXED, MIXED[::-1]):
        together = encoder.embed(batch)
        for sentence, vector in zip(batch, together, strict=True):
            assert vector.tobytes() == alone[MIXED.index(sentence)].tobytes()
    for sentence, vector in zip(MIXED, one_run, strict=True):
        assert vector.tobytes() == alone[MIXED.index(sentence)].tobytes()


def _padded(encoder, sentences):
    """Return the encoder's inputs for sentences in one batch, padded to the longest."""
    encodings = encoder.tokenizer.encode_batch(sentences)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(sentences), width), dtype=np.int64)
    for row, enc in enumerate(encodings):
        ids[row, : len(enc.ids)] = enc.ids
    return {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64)}


def test_batch_scoring_of_mixed_lengths_equals_scoring_each():
    assert score_many(MIXED) == [score(s) for s in MIXED]
    assert score_many(MIXED[::-1]) == [score(s) for s in MIXED[::-1]]


def test_sentences_are_batched_by_length_with_little_padding():
    assert batches([30, 5, 6, 31, 7]) == [[1, 2, 4], [0, 3]]
    assert batches([10] * 13) == [list(range(13))]
    assert batches([]) == []


def test_threshold_comes_from_the_setting_else_the_model(settings):
    settings.FACTCHECK_CHECKWORTHY_THRESHOLD = 0.8
    assert threshold() == 0.8
    del settings.FACTCHECK_CHECKWORTHY_THRESHOLD
    assert 0.0 < threshold() < 1.0


def test_the_shipped_scorer_is_the_encoder():
    assert active_scorer() == "encoder"


def test_the_ngram_model_scores_when_the_encoder_cannot_load(monkeypatch, settings):
    monkeypatch.setattr(checkworthiness, "load_encoder", lambda: None)
    assert active_scorer() == "ngram"
    assert threshold() == checkworthiness.load_model()["threshold"]
    facts = [score(s) for s in FACTS]
    assert all(0.0 <= s.value <= 1.0 and s.reasons for s in facts)
    assert "a number" in facts[0].reasons
    assert score_many(FACTS) == facts
    assert score("Anything at all.", "ar").value is None


def test_signs_of_a_low_score_are_named_only_when_the_score_is_low():
    found = ["number", "speculation", "analysis"]
    assert reasons_for(found, pulled_down=True) == ("a number", "analysis", "speculation")
    assert reasons_for(found, pulled_down=False) == ("a number",)
    high = score("The council will vote on the 2027 budget on December 12, officials said.")
    assert high.value >= threshold()
    assert "speculation" not in high.reasons
