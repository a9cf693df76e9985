import unicodedata

from annotations.splitting.normalize import normalize_text, text_sha256


def test_composes_to_nfc():
    decomposed = "Cafe\u0301 Zu\u0308rich"
    assert normalize_text(decomposed) == "Café Zürich"
    assert unicodedata.is_normalized("NFC", normalize_text(decomposed))


def test_unifies_line_ends():
    assert normalize_text("one\r\ntwo\rthree\u2028four\nfive") == "one\ntwo\nthree\nfour\nfive"


def test_removes_control_characters_but_keeps_tabs_and_newlines():
    assert normalize_text("a\x00b\x07c\td\ne\x9f") == "ab" + "c\td\ne"


def test_strips_byte_order_mark_and_outer_whitespace():
    assert normalize_text("\ufeff  \n Hello.  \n\n") == "Hello."


def test_keeps_inner_whitespace_and_emoji():
    assert normalize_text("A  b\n\nc 👩🏽‍🚒") == "A  b\n\nc 👩🏽‍🚒"


def test_sha256_is_the_standard_digest_of_the_utf8_text():
    assert text_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert text_sha256("é") != text_sha256("e\u0301")
