"""The near-duplicate fingerprint: shingles, signatures that survive storage, band keys."""

from django.core.management import call_command

from annotations.intake import dedupe
from annotations.models import ArticleBand, ArticleFingerprint, PossibleDuplicate
from annotations.services import SYSTEM, article_import
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


def test_older_articles_are_fingerprinted_and_flagged_once(db, capsys):
    first, rewrite, short = (
        article_import(actor=SYSTEM, text=text)
        for text in (STORY_TEXT, REWRITE_TEXT, "Fares fell by 5% in March.")
    )
    # As if imported before fingerprints were kept.
    ArticleFingerprint.objects.all().delete()
    ArticleBand.objects.all().delete()
    PossibleDuplicate.objects.all().delete()
    call_command("fingerprint_articles")
    assert "2 article(s) fingerprinted, 1 flagged" in capsys.readouterr().out
    flag = PossibleDuplicate.objects.get()
    assert (flag.article, flag.duplicate_of) == (rewrite, first)
    assert not ArticleFingerprint.objects.filter(article=short).exists()
    call_command("fingerprint_articles")
    assert "0 article(s) fingerprinted, 0 flagged" in capsys.readouterr().out


def test_stored_signatures_are_scored_at_once_as_one_by_one():
    story, rewrite, other = (dedupe.signature(t) for t in (STORY_TEXT, REWRITE_TEXT, OTHER_TEXT))
    stored = [dedupe.to_bytes(signature) for signature in (rewrite, other, story)]
    assert dedupe.similarities(story, stored) == [
        dedupe.similarity(story, rewrite),
        dedupe.similarity(story, other),
        1.0,
    ]
    assert dedupe.similarities(story, []) == []


def test_the_articles_sharing_most_bands_are_compared_first(db):
    from annotations.selectors.intake import near_duplicate_candidates

    # Short texts, so the import itself stores no fingerprint: the bands are set by hand.
    articles = [article_import(actor=SYSTEM, text=f"Report {n} on the harbour.") for n in range(5)]
    keys = [f"{band:02d}{'a' * 16}" for band in range(4)]
    shared = {articles[0]: 1, articles[1]: 3, articles[2]: 1, articles[3]: 4, articles[4]: 0}
    for article, count in shared.items():
        ArticleFingerprint.objects.create(article=article, minhash=article.pk.to_bytes(8, "little"))
        for key in keys[:count]:
            ArticleBand.objects.create(article=article, key=key)
    assert sorted(near_duplicate_candidates(keys, limit=2)) == [articles[1].pk, articles[3].pk]
    # Among equals the earliest article comes first; the new article itself is left out.
    found = near_duplicate_candidates(keys, limit=3, exclude=articles[3].pk)
    assert sorted(found) == [articles[0].pk, articles[1].pk, articles[2].pk]
    assert sorted(near_duplicate_candidates(keys, limit=2, exclude=articles[3].pk)) == [
        articles[0].pk,
        articles[1].pk,
    ]
    assert found[articles[1].pk] == articles[1].pk.to_bytes(8, "little")


def test_a_key_that_many_articles_share_counts_only_its_latest(db, monkeypatch):
    import annotations.selectors.intake as intake

    articles = [article_import(actor=SYSTEM, text=f"Notice {n} from the port.") for n in range(4)]
    hot, rare = "00" + "b" * 16, "01" + "c" * 16
    for article in articles:
        ArticleFingerprint.objects.create(article=article, minhash=article.pk.to_bytes(8, "little"))
        ArticleBand.objects.create(article=article, key=hot)
    ArticleBand.objects.create(article=articles[0], key=rare)
    monkeypatch.setattr(intake, "ARTICLES_PER_BAND", 2)
    # Through the hot key only the two latest count; the oldest still comes through its rare one.
    assert sorted(intake.near_duplicate_candidates([hot], limit=10)) == [
        articles[2].pk,
        articles[3].pk,
    ]
    found = intake.near_duplicate_candidates([hot, rare], limit=10)
    assert sorted(found) == [articles[0].pk, articles[2].pk, articles[3].pk]
    assert intake.near_duplicate_candidates([], limit=10) == {}
