"""Language detection: per article, per paragraph, short texts, and the import that uses it."""

from pathlib import Path

import pytest
from django.core.management import call_command

from annotations.models import Article
from annotations.services import SYSTEM, article_import, article_update_metadata
from annotations.splitting.language import detect_language, detect_paragraph_languages
from tests.helpers import api_as, settings_in_child

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "ar", "hi", "id", "tr", "ru", "zh", "ja")

SPANISH = (
    "El Gobierno anunció el martes nuevas ayudas para las familias afectadas por las "
    "inundaciones. Según el ministerio, más de 16.000 viviendas sufrieron daños."
)
ARABIC = "هل ستستمر الموجة؟ يتوقع خبراء أن تنحسر خلال أسبوعين، وقال الوزير إن الحكومة ستدعم الأسر."
ENGLISH = "Families have relied on generators for 9 hours a day since the storm hit the city."


def first_paragraph(language: str) -> str:
    """Return the first paragraph of the language's own benchmark text."""
    path = DATA / ("language/en.txt" if language == "en" else f"split/{language}.txt")
    lines = path.read_text(encoding="utf-8").strip().split("\n\n")[0].splitlines()
    return ("" if language in ("zh", "ja") else " ").join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_detected_from_a_paragraph(language):
    assert detect_language(first_paragraph(language)) == language


@pytest.mark.parametrize(
    ("headline", "language"),
    [
        ("La inflación baja al 4,2 % pese al alza del combustible", "es"),
        ("Inflation sinkt trotz steigender Spritpreise auf 4,1 Prozent", "de"),
        ("Инфляция снизилась до 4,2% несмотря на рост цен на топливо", "ru"),
        ("洪水迫使数千人撤离", "zh"),
        ("洪水で数千人が避難", "ja"),
        ("बाढ़ से हजारों लोग बेघर", "hi"),
    ],
)
def test_headlines_are_detected(headline, language):
    assert detect_language(headline) == language


@pytest.mark.parametrize("text", ["", "   ", "2024", "OK", "12.5%", "—"])
def test_text_too_short_to_tell_gets_the_default(text, settings):
    settings.FACTCHECK_DEFAULT_LANGUAGE = "pt-BR"
    assert detect_language(text) == "pt-BR"
    assert detect_language(text, default="ar") == "ar"


def test_ambiguous_text_gets_the_default_rather_than_a_guess(settings):
    settings.FACTCHECK_DEFAULT_LANGUAGE = "de"
    # Indonesian and Malay share these words: neither is clearly ahead.
    assert detect_language("Menteri berjanji tidak akan mundur") == "de"


def test_detection_chooses_among_the_configured_languages(settings):
    settings.FACTCHECK_DEFAULT_LANGUAGE = "en"
    settings.FACTCHECK_DETECT_LANGUAGES = ["es", "pt"]
    assert detect_language(SPANISH) == "es"
    # Arabic is not among them, so it can never be the answer.
    assert detect_language(ARABIC) in ("es", "pt", "en")


def test_mixed_text_gets_a_language_per_paragraph():
    caption = "صورة"
    text = f"{ARABIC}\n\n  {ENGLISH}  \n\n{caption}\n\n{ARABIC}\n"
    found = detect_paragraph_languages(text)
    assert [language for _start, _end, language in found] == ["ar", "en", "ar", "ar"]
    assert [text[start:end] for start, end, _language in found] == [
        ARABIC,
        ENGLISH,
        caption,
        ARABIC,
    ]


def test_a_short_paragraph_takes_the_articles_language():
    text = f"{SPANISH}\n\nOK\n\n{SPANISH}"
    assert [language for *_span, language in detect_paragraph_languages(text)] == ["es"] * 3


def test_paragraphs_of_empty_text():
    assert detect_paragraph_languages("") == []
    assert detect_paragraph_languages("\n\n \n") == []


def test_import_without_a_language_gets_the_detected_one(db):
    assert article_import(actor=SYSTEM, text=SPANISH).language == "es"
    assert article_import(actor=SYSTEM, text=ARABIC).language == "ar"


def test_an_explicit_language_wins_over_detection(db):
    assert article_import(actor=SYSTEM, text=SPANISH, language="pt-BR").language == "pt-BR"


def test_a_short_import_gets_the_configured_default(db, settings):
    settings.FACTCHECK_DEFAULT_LANGUAGE = "fr"
    assert article_import(actor=SYSTEM, text="OK").language == "fr"


def test_the_detected_language_can_be_corrected(db):
    article = article_import(actor=SYSTEM, text=SPANISH)
    article_update_metadata(article=article, actor=SYSTEM, language="ca")
    article.refresh_from_db()
    assert article.language == "ca"


def test_the_api_import_detects_the_language(api, annotator):
    response = api_as(api, annotator).post("/api/v1/articles/", {"text": ARABIC}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["language"] == "ar"


def test_the_command_line_import_detects_the_language(db, tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text(SPANISH, encoding="utf-8")
    call_command("import_articles", str(path))
    assert Article.objects.get().language == "es"


def test_the_language_settings_are_read_from_the_environment():
    result = settings_in_child(
        "print(s.FACTCHECK_DEFAULT_LANGUAGE, s.FACTCHECK_DETECT_LANGUAGES)",
        FACTCHECK_DEFAULT_LANGUAGE="pt-BR",
        FACTCHECK_DETECT_LANGUAGES="pt, es",
    )
    assert result.stdout.strip() == "pt-BR ['pt', 'es']", result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"FACTCHECK_DEFAULT_LANGUAGE": "Portuguese"},
        {"FACTCHECK_DEFAULT_LANGUAGE": ""},
        {"FACTCHECK_DETECT_LANGUAGES": "en,Spanish"},
    ],
)
def test_bad_language_settings_are_refused_by_name(env):
    result = settings_in_child("print('started')", **env)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "FACTCHECK_DEFAULT_LANGUAGE must be a language tag" in result.stderr
