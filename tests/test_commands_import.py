import pytest
from django.core.management import CommandError, call_command

from annotations.models import Article


def _write(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_imports_each_file_and_prints_its_id(db, tmp_path, capsys):
    first = _write(tmp_path, "one.txt", b"date 2026-01-05 Officials said 12 buses were added.")
    second = _write(tmp_path, "two.md", "# Heading\n\nCaf\u00e9 prices rose 4%.".encode())

    call_command("import_articles", str(first), str(second), language="en")

    out = capsys.readouterr().out.splitlines()
    articles = list(Article.objects.order_by("pk"))
    assert len(articles) == 2
    assert out[0] == f"{first}: imported as article {articles[0].pk} ({articles[0].title})"
    assert out[1].startswith(f"{second}: imported as article {articles[1].pk}")
    assert str(articles[0].published_at) == "2026-01-05"


def test_bad_file_is_reported_by_name_and_the_others_still_import(db, tmp_path, capsys):
    good = _write(tmp_path, "good.txt", b"The council approved the budget.")
    empty = _write(tmp_path, "empty.txt", b"   \n")
    latin = _write(tmp_path, "latin.txt", "Caf\u00e9".encode("latin-1"))
    pdf = _write(tmp_path, "report.pdf", b"%PDF")
    missing = tmp_path / "missing.txt"

    with pytest.raises(CommandError, match="4 of 5 file"):
        call_command("import_articles", str(empty), str(good), str(latin), str(pdf), str(missing))

    captured = capsys.readouterr()
    assert Article.objects.count() == 1
    assert f"{good}: imported as article" in captured.out
    assert f"{empty}: file: The text is empty." in captured.err
    assert f"{latin}: file: The text is not valid UTF-8" in captured.err
    assert f"{pdf}: file: report.pdf: unsupported file type .pdf" in captured.err
    assert f"{missing}: cannot read the file" in captured.err


def test_options_apply_to_the_article(db, tmp_path):
    path = _write(tmp_path, "a.txt", b"Officials said 12 buses were added.")
    call_command(
        "import_articles",
        str(path),
        title="Buses",
        url="https://example.org/buses",
        language="pt",
        stdout=None,
    )
    article = Article.objects.get()
    assert (article.title, article.url, article.language) == (
        "Buses",
        "https://example.org/buses",
        "pt",
    )


def test_bad_option_is_reported_and_nothing_imported(db, tmp_path):
    path = _write(tmp_path, "a.txt", b"Officials said 12 buses were added.")
    with pytest.raises(CommandError):
        call_command("import_articles", str(path), language="English!")
    assert Article.objects.count() == 0


def test_one_url_for_several_files_is_refused(db, tmp_path):
    a = _write(tmp_path, "a.txt", b"A.")
    b = _write(tmp_path, "b.txt", b"B.")
    with pytest.raises(CommandError, match="single FILE"):
        call_command("import_articles", str(a), str(b), url="https://example.org/x")
    assert Article.objects.count() == 0
