"""The extraction benchmark: both layouts, both metrics, the fetchers, a library that raises."""

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

extraction = pytest.importorskip("bench.extraction", reason="bench/ is not beside the tests")
Page = extraction.Page


def snippet_page(present, absent):
    return Page("p", "", "", present=present, absent=absent)


def test_snippets_are_found_in_the_text_whatever_its_spaces():
    page = snippet_page(["fares fell  by 5%", "in 2025"], ["Subscribe now", "Cookies"])
    counts = extraction.snippet_counts(page, "Bus fares fell\nby 5% in 2025.\n\nSubscribe now!")
    # tp, fp, fn, tn
    assert counts == (2, 1, 0, 1)
    assert extraction.snippet_counts(page, "") == (0, 0, 2, 2)


def test_snippet_scores_sum_the_pages_before_dividing():
    scores = extraction.snippet_scores([(2, 1, 0, 1), (1, 0, 3, 4)])
    # Summed: tp 3, fp 1, fn 3, tn 5.
    assert scores["precision"] == pytest.approx(3 / 4)
    assert scores["recall"] == pytest.approx(3 / 6)
    assert scores["accuracy"] == pytest.approx(8 / 12)
    assert scores["f1"] == pytest.approx(6 / 10)


def test_body_scores_average_each_page():
    same = extraction.page_score("one two three four five", "one two three four five")
    nothing = extraction.page_score("one two three four five", "")
    assert same == (1.0, 0.0, 0.0)
    assert nothing == (0.0, 0.0, 1.0)
    scores = extraction.scores([same, nothing])
    # Precision only counts pages where something was predicted.
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5


def write_snippet_set(folder: Path, annotations: str) -> None:
    (folder / "cache").mkdir(parents=True)
    (folder / "cache" / "a.html").write_text(
        "<html><head><meta charset='utf-8'></head><body><p>Tarifas caíram</p></body></html>"
    )
    (folder / "evaldata.py").write_text(annotations, "utf-8")


def test_the_snippet_layout_is_read_as_data_never_run(tmp_path):
    marker = tmp_path / "ran"
    write_snippet_set(
        tmp_path,
        f"open({str(marker)!r}, 'w').close()\n"
        "EVAL_PAGES = {\n"
        "    'https://example.org/a': {'file': 'a.html', 'with': ['caíram'], 'without': ['x']},\n"
        "    'https://example.org/b': {'file': 'missing.html', 'with': ['y'], 'without': []},\n"
        "}\n",
    )
    assert extraction.layout(tmp_path) == "snippets"
    pages = extraction.load(tmp_path)
    assert not marker.exists()
    # The page whose file this copy lacks is left out.
    assert [(page.key, page.url, page.present, page.absent) for page in pages] == [
        ("a.html", "https://example.org/a", ["caíram"], ["x"])
    ]
    assert "Tarifas caíram" in pages[0].html


def test_a_file_without_the_annotations_is_named(tmp_path):
    write_snippet_set(tmp_path, "PAGES = {}\n")
    with pytest.raises(SystemExit, match="no EVAL_PAGES"):
        extraction.load(tmp_path)


def test_a_folder_without_ground_truth_is_named(tmp_path):
    with pytest.raises(SystemExit, match=r"no ground-truth\.json, evaldata\.json or evaldata\.py"):
        extraction.layout(tmp_path)


def test_our_own_set_is_in_the_article_body_layout():
    pages = extraction.load(extraction.DEFAULT_DATASET)
    assert extraction.layout(extraction.DEFAULT_DATASET) == "body"
    assert len(pages) >= 16
    assert all(page.body and "<" in page.html for page in pages)


def fake_release(monkeypatch, files: dict[str, bytes]) -> None:
    """Make `pip download` drop a source release holding `files` where it is asked to."""

    def download(command, check):
        assert command[1:4] == ["-m", "pip", "download"] and check
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w:gz") as release:
            for name, content in files.items():
                info = tarfile.TarInfo(f"package-1.0/{name}")
                info.size = len(content)
                release.addfile(info, io.BytesIO(content))
        dest = Path(command[command.index("--dest") + 1])
        (dest / "package-1.0.tar.gz").write_bytes(archive.getvalue())

    monkeypatch.setattr(extraction.subprocess, "run", download)


def test_a_release_gives_only_the_files_of_the_folder_asked_for(monkeypatch):
    fake_release(monkeypatch, {"tests/cache/a.html": b"A", "tests/other.py": b"B"})
    assert extraction._release_files("package==1.0", "tests/cache") == {"a.html": b"A"}


def test_newspaper_tests_become_the_article_body_layout(monkeypatch, tmp_path):
    fake_release(
        monkeypatch,
        {
            "tests/data/html/one.html": b"<p>One</p>",
            "tests/data/txt/one.txt": b"Uma frase.",
            "tests/data/metadata/one.json": b'{"url": "https://example.org/one"}',
            # A page without expected text is no ground truth.
            "tests/data/html/two.html": b"<p>Two</p>",
        },
    )
    extraction.fetch_newspaper_tests(tmp_path)
    truth = json.loads((tmp_path / "ground-truth.json").read_text("utf-8"))
    assert truth == {"one": {"url": "https://example.org/one", "articleBody": "Uma frase."}}
    assert [path.name for path in (tmp_path / "html").iterdir()] == ["one.html"]
    assert [page.url for page in extraction.load(tmp_path)] == ["https://example.org/one"]


def test_the_trafilatura_pages_come_from_the_release_and_keep_local_annotations(
    monkeypatch, tmp_path
):
    fake_release(monkeypatch, {"tests/cache/a.html": b"<p>A</p>", "setup.py": b""})
    (tmp_path / "evaldata.py").write_text("EVAL_PAGES = {}\n")

    def no_network(*args, **kwargs):
        raise AssertionError("annotations already here: nothing to download")

    monkeypatch.setattr(extraction.urllib.request, "urlopen", no_network)
    extraction.fetch_trafilatura_eval(tmp_path)
    assert [path.name for path in (tmp_path / "cache").iterdir()] == ["a.html"]


def test_annotations_that_cannot_be_downloaded_say_where_to_put_them(monkeypatch, tmp_path):
    fake_release(monkeypatch, {"tests/cache/a.html": b"<p>A</p>"})

    def offline(*args, **kwargs):
        raise OSError("no route to host")

    monkeypatch.setattr(extraction.urllib.request, "urlopen", offline)
    with pytest.raises(SystemExit, match=r"no route to host.*evaldata\.py"):
        extraction.fetch_trafilatura_eval(tmp_path)


def test_a_library_that_raises_finds_nothing_on_that_page_and_is_counted(monkeypatch):
    pages = [
        snippet_page(["fares fell"], ["Subscribe"]),
        Page("q", "", "<p>crash</p>", present=["bus"], absent=[]),
    ]

    def brittle(html: str, url: str) -> str:
        if "crash" in html:
            raise ValueError("odd page")
        return "fares fell"

    monkeypatch.setattr(extraction, "extractors", lambda: {"brittle": brittle})
    (row,) = extraction.run(pages, "snippets", repeat=2)
    assert row["errors"] == 1
    # tp 1 (fares fell), fn 1 (bus, on the page it raised on), tn 1, fp 0.
    assert row["recall"] == pytest.approx(0.5)
    assert row["precision"] == 1.0
    lines = extraction.table([row], "snippets")
    assert lines[0].endswith("| accuracy | pages/s | pages it raised on |")
    assert lines[2].startswith("| brittle | 0.667 | 1.000 | 0.500 | 0.667 |")
    assert lines[2].endswith(" | 1 |")
