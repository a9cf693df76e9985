"""Sentence segmentation in twelve languages beside English: each language's hard cases."""

from pathlib import Path

import pytest

from annotations.splitting import candidate_spans, split
from annotations.splitting.languages import GENERIC, LANGUAGES, rules_for

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "split"
TWELVE = ("es", "pt", "fr", "de", "it", "ar", "hi", "id", "tr", "ru", "zh", "ja")


def sentences(text: str, language: str) -> list[str]:
    """Return the sentences, checking that every span's offsets hold exactly its text."""
    found = []
    for start, end in split(text, language):
        piece = text[start:end]
        assert piece == piece.strip() and piece, (start, end)
        found.append(piece)
    return found


CASES = {
    "es": [
        # Titles before names, a dotted number at the end, a question, an abbreviation mid-sentence.
        "El Dr. Ramírez y la Sra. Ortega visitaron la Av. Libertador el lunes.",
        "Habló también la sra. Gómez.",
        "Según el censo, la ciudad tiene 16.886.",
        "¿Quién lo decidió?",
        "Nadie respondió.",
        "El plan incluye trenes, autobuses, etc.",
        "Las obras durarán dos años.",
        "—¿Y el presupuesto? —preguntó la diputada.",
        "El Gobierno de EE.UU. no comentó la decisión.",
    ],
    "pt": [
        "O Sr. Almeida e a Dra. Nunes chegaram à Av. Brasil às 9h.",
        "Falou também o dr. Mário Soares.",
        "O déficit chegou a 16.886.",
        "Quem pagará a conta?",
        "O texto cita o art. 5 da lei e a pág. 12 do relatório.",
        "A lista inclui arroz, feijão etc.",
        "Os preços subiram 3,2% em março.",
    ],
    "fr": [
        "M. Dupont et Mme Martin ont rencontré le Dr Lefèvre.",
        "« Nous ne céderons pas. »",
        "Le ministre a quitté la salle.",
        "Vraiment ?",
        "Oui, selon l'art. 12 du règlement.",
        "Le texte cite l'art. 14 et la p. 32.",
        "Le chômage a reculé à 7,3 %.",
    ],
    "de": [
        "Die Wahl findet am 5. September statt.",
        "Im 19. Jahrhundert wuchs die Stadt rasch.",
        "Prof. Weber sprach z. B. über die Kosten.",
        "Die Zahl stieg auf 16.886.",
        "Die Regierung schwieg.",
        "Er sagte: „Wir bleiben.“",
        "Dann ging er.",
        "Laut Art. 3 Abs. 1 sind alle gleich.",
        "Die Firma baut Autos, Busse usw.",
        "Das Werk schließt im Mai.",
    ],
    "it": [
        "Il dott. Bianchi e l'avv. Russo sono arrivati a Roma.",
        "L'On. Verdi ha votato contro.",
        "Chi pagherà?",
        "Il testo cita l'art. 14 e la pag. 32.",
        "Servono pane, latte, uova ecc.",
        "Il negozio apre alle 9.",
    ],
    "ar": [
        "هل ستستمر الموجة؟",
        "يتوقع خبراء أن تنحسر قريبا.",
        "وقال د. سمير حداد إن الوضع مستقر.",
        "وارتفعت الأسعار بنسبة 4.5 في المئة.",
        "وتأسست المدينة عام 762 م.",
        "وكانت عاصمة لقرون.",
    ],
    "hi": [
        "यहाँ एक मंदिर बनाया गया और उसकी ख्याति दूर तक आयी।",
        "833 ईस्वी में यहाँ मेला लगा।",
        "डॉ. मीना शर्मा ने कहा कि स्थिति सामान्य है।",
        "ए.के. वर्मा ने कहा कि पी.एम. जल्द आएंगे।",
        "क्या यह सच है?",
        "हाँ, मंत्रालय ने पुष्टि की॥",
        "कीमतें 4.5 प्रतिशत बढ़ीं।",
    ],
    "id": [
        "Dr. Budi dan Prof. Siti hadir di Jl. Thamrin No. 10.",
        "Jumlah penduduk mencapai 16.886.",
        "Apakah itu benar?",
        "Proyek itu mencakup jalan, jembatan, dll.",
        "Pekerjaan dimulai bulan Juni.",
    ],
    "tr": [
        "Dr. Ayşe Demir ve Av. Mehmet Kaya toplantıya katıldı.",
        "Toplantı 3. Ordu Komutanlığı'nda yapıldı.",
        "Şehir 19. yüzyılda büyüdü.",
        "Bu doğru mu?",
        "Proje yol, köprü, okul vb.",
        "Çalışmalar haziranda başlayacak.",
    ],
    "ru": [
        "«Мы не отступим!» — заявил министр.",
        "В. В. Иванов провел совещание.",
        "Город основан в 1147 г.",
        "В XIX веке он вырос.",
        "Проект включает дороги, мосты и т. д.",
        "Работы начнутся в июне.",
        "Цены выросли на 4,5%.",
    ],
}

CJK_CASES = {
    "zh": [
        "部长说：“我们不会退缩。”",
        "反对派批评了这一计划。",
        "“这是一次历史性的胜利！”市长说。",
        "你看过电影《快跑！小明》吗？",
        "好！",
        "通胀率已降至4.2%。",
    ],
    "ja": [
        "「本当ですか？」と彼は言った。",
        "本当に?",
        "それは知らなかった!",
        "物価上昇率は4.2%に低下した。",
        "良かったね！",
        "すごい！",
    ],
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_hard_cases_split_into_exact_sentences(language):
    expected = CASES[language]
    assert sentences(" ".join(expected), language) == expected


@pytest.mark.parametrize("language", sorted(CJK_CASES))
def test_chinese_and_japanese_split_with_no_space_after_the_stop(language):
    expected = CJK_CASES[language]
    assert sentences("".join(expected), language) == expected


@pytest.mark.parametrize("language", TWELVE)
def test_each_languages_own_cases_split_exactly(language):
    # The benchmark's text: one sentence per line, paragraphs separated by a blank line.
    joiner = "" if language in ("zh", "ja") else " "
    blocks = (DATA / f"{language}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    paragraphs = [block.splitlines() for block in blocks]
    text = "\n\n".join(joiner.join(lines) for lines in paragraphs)
    assert sentences(text, language) == [line for lines in paragraphs for line in lines]


def test_a_digit_after_a_stop_starts_a_sentence():
    assert sentences("…आयी। 833 ईस्वी में…", "hi") == ["…आयी।", "833 ईस्वी में…"]
    assert sentences("Llegaron en 2019. 833 personas votaron.", "es") == [
        "Llegaron en 2019.",
        "833 personas votaron.",
    ]
    # But not after an abbreviation that numbers follow.
    assert sentences("Siehe Nr. 5 und S. 12.", "de") == ["Siehe Nr. 5 und S. 12."]


@pytest.mark.parametrize(
    ("tag", "code"),
    [("pt-BR", "pt"), ("zh_Hans", "zh"), ("DE", "de"), ("in", "id"), ("xx", "und"), (None, "und")],
)
def test_language_tags_pick_their_rules(tag, code):
    assert rules_for(tag).code == code
    assert rules_for(tag) is (LANGUAGES.get(code) or GENERIC)


def test_every_language_has_rules():
    assert set(TWELVE) <= set(LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "es",
            "MADRID (EFE) - El Dr. Ruiz dijo que el paro bajó al 11,2 %. Nadie lo esperaba.",
            ["El Dr. Ruiz dijo que el paro bajó al 11,2 %.", "Nadie lo esperaba."],
        ),
        ("zh", "价格上涨了12%。政府没有回应！", ["价格上涨了12%。", "政府没有回应！"]),
        ("ar", "هل ستستمر الموجة؟ يتوقع خبراء ذلك.", ["هل ستستمر الموجة؟", "يتوقع خبراء ذلك."]),
    ],
)
def test_candidates_outside_english_are_the_languages_sentences(language, text, expected):
    spans = candidate_spans(text, language)
    assert [text[start:end] for start, end in spans] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Words that look like abbreviations (sea, to have, thousand, flight, kind) end sentences.
        ("es", ["Fueron a bañarse al mar.", "María se quedó."]),
        ("pt", ["Ele disse que vai ter.", "Lula respondeu.", "Custou R$ 5 mil.", "Dilma negou."]),
        ("fr", ["Il a été victime d'un vol.", "Air France enquête."]),
        ("de", ["Auf diese Art.", "Merkel schwieg.", "Sie kostet 2,9 Mio. Euro."]),
        ("ru", ["Они ели рис.", "Москва молчала."]),
    ],
)
def test_words_that_look_like_abbreviations_end_sentences(language, expected):
    assert sentences(" ".join(expected), language) == expected


# One sentence list per rule, joined by a space: (case, language, sentences).
EDGE_CASES = [
    # The ASCII ";" ends nothing, except as the Greek question mark (U+037E normalises to it).
    ("semicolon", "es", ["Los precios subieron; los salarios no.", "El Gobierno calla."]),
    ("greek question", "el", ["Τι έγινε;", "Κανείς δεν ξέρει."]),
    ("ordinal before a starter", "de", ["Die Partei kam auf Platz 5.", "Die Wahl war vorbei."]),
    ("spaced guillemets", "fr", ["Il a dit : « C'est fini. »", "Puis il est parti."]),
    ("spaced guillemets", "it", ["« Non faremo marcia indietro. »", "Poi è uscito."]),
    ("reversed guillemets", "de", ["Sie rief.", "»Kommt!«", "Niemand kam."]),
    ("speaker after a quotation", "es", ["«¡Basta!» —gritó el alcalde.", "Todos callaron."]),
    ("capitalised noun, not a name", "de", ["Das Spiel endete in Gruppe B.", "Die Elf verlor."]),
    ("initial", "de", ["Angela D. Schmidt kam.", "Sie blieb."]),
    ("date with spaces", "de", ["Die Wahl war am 3. 10. 2020 in Berlin.", "Sie blieb."]),
    ("century", "ru", ["Храм построен в XII в.", "В XIX в. его перестроили."]),
    ("before Christ", "ar", ["بنيت المدينة عام 500 ق.م.", "وكانت مركزا للتجارة."]),
    ("English unchanged", "en", ["Dr. Smith arrived at 5 p.m.", "He spoke.", "The U.S. voted."]),
]


@pytest.mark.parametrize(
    ("language", "expected"), [case[1:] for case in EDGE_CASES], ids=[c[0] for c in EDGE_CASES]
)
def test_edge_cases(language, expected):
    assert sentences(" ".join(expected), language) == expected
