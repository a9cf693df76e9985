"""The near-duplicate fingerprint: shingles, signatures that survive storage, band keys."""

from annotations.intake import dedupe
from tests.test_intake_import import OTHER, REWRITE, STORY

STORY_TEXT, REWRITE_TEXT, OTHER_TEXT = ("\n\n".join(p) for p in (STORY, REWRITE, OTHER))


def test_shingles_are_case_folded_runs_of_three_words():
    assert dedupe.shingles("The Board SAID, the board said") == {
        b"the board said",
        b"board said the",
        b"said the board",
    }
    assert dedupe.shingles("Two words") == {b"two words"}
    assert dedupe.shingles("") == set()


def test_a_stored_signature_compares_as_the_original():
    signature = dedupe.signature(STORY_TEXT)
    stored = dedupe.from_bytes(dedupe.to_bytes(signature))
    assert dedupe.similarity(signature, stored) == 1.0
    assert dedupe.band_keys(stored) == dedupe.band_keys(signature)
    assert len(dedupe.band_keys(signature)) == dedupe.BANDS


def test_a_rewrite_is_close_and_another_story_is_not():
    story, rewrite, other = (dedupe.signature(t) for t in (STORY_TEXT, REWRITE_TEXT, OTHER_TEXT))
    assert dedupe.similarity(story, rewrite) >= dedupe.NEAR_DUPLICATE_SIMILARITY
    assert dedupe.similarity(story, other) < 0.1
    # A rewrite shares a band key with its original, so the indexed lookup finds it.
    assert set(dedupe.band_keys(story)) & set(dedupe.band_keys(rewrite))
    assert not set(dedupe.band_keys(story)) & set(dedupe.band_keys(other))


def test_short_texts_are_not_compared():
    assert not dedupe.has_enough_words("Fares fell by 5% in March.")
    assert dedupe.has_enough_words(STORY_TEXT)
