"""Benchmark article extractors on a data set with ground truth: quality and pages/s.

    python bench/extraction.py [--dataset DIR] [--repeat 3]
    python bench/extraction.py --fetch trafilatura-eval      (or newspaper-tests)
    python bench/extraction.py --dataset bench/.cache/trafilatura-eval

Two public layouts are read, each scored with its own benchmark's metric:

- **Article bodies** (ScrapingHub's article-extraction-benchmark): `ground-truth.json`
  ({id: {"articleBody": ..., "url": ...}}) and `html/<id>.html` or `html/<id>.html.gz`. Each
  text is cut into word tokens (`\\w+`), tokens into overlapping runs of four (shingles); per
  page, true positives, false positives and false negatives are the shingle counts in common,
  only predicted and only expected, normalised to sum to one; precision and recall are averaged
  over the pages and F1 is their harmonic mean. Without --dataset the script reads our own small
  set in this layout, `bench/data/extraction/` (pages written for this project, see its README).
- **Snippets** (trafilatura's evaluation): `evaldata.json` or `evaldata.py` ({url: {"file": ...,
  "with": [...], "without": [...]}}) and the pages under `cache/`. Per page, each "with" snippet
  found in the whitespace-normalised text is a true positive (else a false negative), each
  "without" snippet found a false positive (else a true negative); the counts are summed over
  all pages before precision, recall, accuracy and F1 are taken.

`--fetch NAME` builds a public set in the git-ignored `bench/.cache/NAME/`, nothing of it
committed here:

- `trafilatura-eval` (snippets): the pages of the trafilatura 1.1.0 source release on PyPI (its
  `tests/cache/`) and the annotations of trafilatura's repository at a pinned commit;
- `newspaper-tests` (article bodies): the pages of the newspaper4k 0.9.6 source release on PyPI
  and the full text its tests expect of each.

Every extractor receives each page as the same text, decoded as an import decodes a fetch.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "1")

DEFAULT_DATASET = ROOT / "bench" / "data" / "extraction"
CACHE = ROOT / "bench" / ".cache"
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

# trafilatura's evaluation: pages from a source release that ships them, annotations pinned.
TRAFILATURA_RELEASE = "trafilatura==1.1.0"
NEWSPAPER_RELEASE = "newspaper4k==0.9.6"
TRAFILATURA_ANNOTATIONS = (
    "https://raw.githubusercontent.com/adbar/trafilatura/"
    "08eb92f03e60a89773aeff9a4644402fea0c3476/tests/evaldata.py"
)


@dataclass
class Page:
    """One page of a data set and its ground truth in either layout."""

    key: str
    url: str
    html: str
    body: str = ""  # article-body layout: the expected text
    present: list[str] = field(default_factory=list)  # snippet layout: "with"
    absent: list[str] = field(default_factory=list)  # snippet layout: "without"


def shingles(text: str, size: int = 4) -> Counter:
    """Return the runs of `size` consecutive word tokens of a text, counted."""
    tokens = _TOKEN.findall(text or "")
    runs = [tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))]
    return Counter(run for run in runs if run)


def page_score(expected: str, predicted: str) -> tuple[float, float, float]:
    """Return (tp, fp, fn) of one page, normalised to sum to one."""
    truth, found = shingles(expected), shingles(predicted)
    tp = sum((truth & found).values())
    fp = sum((found - truth).values())
    fn = sum((truth - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Return precision, recall (averaged over pages) and their F1."""

    def ratio(part: float, other: float) -> float:
        return part / (part + other) if part + other else 0.0

    precision = statistics.mean(
        1.0 if fp == fn == 0 else ratio(tp, fp) for tp, fp, fn in pages if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else ratio(tp, fn) for tp, fp, fn in pages if tp + fn > 0
    )
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_counts(page: Page, text: str) -> tuple[int, int, int, int]:
    """Return (tp, fp, fn, tn) of one page: which snippets the extracted text holds."""
    found = _normal(text or "")
    tp = sum(1 for snippet in page.present if _normal(snippet) in found)
    fp = sum(1 for snippet in page.absent if _normal(snippet) in found)
    return tp, fp, len(page.present) - tp, len(page.absent) - fp


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> dict[str, float]:
    """Return precision, recall, accuracy and F1 of the counts summed over all pages."""
    tp, fp, fn, tn = (sum(column) for column in zip(*counts, strict=True))
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


def layout(dataset: Path) -> str:
    """Return "body" or "snippets": which ground truth the dataset folder holds."""
    if (dataset / "ground-truth.json").exists():
        return "body"
    if (dataset / "evaldata.json").exists() or (dataset / "evaldata.py").exists():
        return "snippets"
    raise SystemExit(
        f"{dataset}: no ground-truth.json, evaldata.json or evaldata.py; "
        "see `python bench/extraction.py --help` for the layouts"
    )


def decode(raw: bytes) -> str:
    """Return a page's text as an import decodes a fetched page (meta charset, detection)."""
    from annotations.intake.fetch import _decode

    return _decode("", raw, "", "text/html")[0]


def load(dataset: Path) -> list[Page]:
    """Return every page of a dataset folder with its ground truth."""
    if layout(dataset) == "body":
        return _load_bodies(dataset)
    return _load_snippets(dataset)


def _load_bodies(dataset: Path) -> list[Page]:
    truth = json.loads((dataset / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        plain = dataset / "html" / f"{key}.html"
        if plain.exists():
            raw = plain.read_bytes()
        else:
            raw = gzip.decompress((dataset / "html" / f"{key}.html.gz").read_bytes())
        pages.append(Page(key, item.get("url", ""), decode(raw), body=item["articleBody"]))
    return pages


def annotations(dataset: Path) -> dict[str, dict]:
    """Return the snippet annotations: evaldata.json, else the EVAL_PAGES literal of evaldata.py."""
    if (dataset / "evaldata.json").exists():
        return json.loads((dataset / "evaldata.json").read_text("utf-8"))
    # Read as data, never run: the file is one dictionary literal.
    tree = ast.parse((dataset / "evaldata.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "EVAL_PAGES" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{dataset / 'evaldata.py'}: no EVAL_PAGES dictionary in it")


def _load_snippets(dataset: Path) -> list[Page]:
    pages = []
    for url, item in sorted(annotations(dataset).items()):
        path = dataset / "cache" / item["file"]
        if not path.exists() or not item.get("with"):
            continue  # annotated pages whose file this copy lacks are left out, and counted
        pages.append(
            Page(
                item["file"],
                url,
                decode(path.read_bytes()),
                present=list(item["with"]),
                absent=list(item.get("without", [])),
            )
        )
    return pages


def _release_files(requirement: str, folder: str) -> dict[str, bytes]:
    """Return the files under `folder` of a package's source release on PyPI, by path."""
    files = {}
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
                *("--no-binary", ":all:", requirement, "--dest", scratch),
            ],
            check=True,
        )
        (archive,) = Path(scratch).glob("*.tar.gz")
        with tarfile.open(archive) as release:
            for member in release.getmembers():
                inside = Path(*Path(member.name).parts[1:])
                if member.isfile() and inside.is_relative_to(folder):
                    source = release.extractfile(member)
                    with source:
                        files[inside.relative_to(folder).as_posix()] = source.read()
    return files


def fetch_trafilatura_eval(target: Path) -> None:
    """Build trafilatura's evaluation set in `target`: pages from PyPI, annotations pinned."""
    pages = target / "cache"
    pages.mkdir(parents=True, exist_ok=True)
    for name, content in _release_files(TRAFILATURA_RELEASE, "tests/cache").items():
        (pages / name).write_bytes(content)
    print(f"{len(list(pages.iterdir()))} pages in {pages}")
    wanted = target / "evaldata.py"
    if wanted.exists() or (target / "evaldata.json").exists():
        return
    try:
        with urllib.request.urlopen(TRAFILATURA_ANNOTATIONS, timeout=30) as response:
            wanted.write_bytes(response.read())
    except OSError as error:
        raise SystemExit(
            f"could not download the annotations ({error}); save {TRAFILATURA_ANNOTATIONS} "
            f"as {wanted} and run again"
        ) from error
    print(f"annotations in {wanted}")


def fetch_newspaper_tests(target: Path) -> None:
    """Build newspaper4k's test pages in `target`, in the article-body layout, from PyPI."""
    files = _release_files(NEWSPAPER_RELEASE, "tests/data")
    truth = {}
    (target / "html").mkdir(parents=True, exist_ok=True)
    for name, content in sorted(files.items()):
        key = name.removeprefix("html/").removesuffix(".html")
        expected = files.get(f"txt/{key}.txt")
        if not name.startswith("html/") or expected is None:
            continue
        metadata = json.loads(files.get(f"metadata/{key}.json", b"{}"))
        truth[key] = {"url": metadata.get("url", ""), "articleBody": expected.decode("utf-8")}
        (target / "html" / f"{key}.html").write_bytes(content)
    (target / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
    print(f"{len(truth)} pages and their expected text in {target}")


FETCHERS = {
    "trafilatura-eval": fetch_trafilatura_eval,
    "newspaper-tests": fetch_newspaper_tests,
}


def extractors() -> dict[str, Callable[[str, str], str]]:
    """Return each installed candidate as a function (html, url) -> article text."""
    from annotations.htmltext import _readability, html_to_text, sanitize_html
    from annotations.intake.extract import extract_page

    found: dict[str, Callable[[str, str], str]] = {
        # What an import stores: the chosen library's content, sanitised and made plain text.
        "ours: extract_page (trafilatura + sanitiser)": lambda page, url: (
            extract_page(page, url=url).text
        ),
        # The pipeline before this choice: readability-lxml, then the same sanitiser.
        "ours before: readability-lxml + sanitiser": lambda page, url: html_to_text(
            sanitize_html(_readability(page)[0])
        ),
    }
    try:
        import lxml.html
        from readability import Document

        def readability(page: str, url: str) -> str:
            summary = Document(page).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content()

        found["readability-lxml"] = readability
    except ImportError:
        pass
    try:
        import trafilatura

        found["trafilatura"] = lambda page, url: trafilatura.extract(page, url=url) or ""
        found["trafilatura (favor_precision)"] = lambda page, url: (
            trafilatura.extract(page, url=url, favor_precision=True) or ""
        )
    except ImportError:
        pass
    try:
        import justext

        # Every language's stop words: the pages are in many languages, named nowhere.
        stoplist = frozenset().union(*map(justext.get_stoplist, justext.get_stoplists()))

        def run_justext(page: str, url: str) -> str:
            paragraphs = justext.justext(page.encode("utf-8"), stoplist)
            return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        found["jusText"] = run_justext
    except ImportError:
        pass
    try:
        from goose3 import Goose

        goose = Goose()
        found["goose3"] = lambda page, url: goose.extract(raw_html=page).cleaned_text or ""
    except ImportError:
        pass
    try:
        from newspaper import Article as NewspaperArticle
        from newspaper import Config as NewspaperConfig

        # Images are fetched from the web to find the top one: nothing to do with the text.
        offline = NewspaperConfig()
        offline.fetch_images = False

        def newspaper(page: str, url: str) -> str:
            article = NewspaperArticle(url or "https://example.org/", config=offline)
            article.download(input_html=page)
            article.parse()
            return article.text

        found["newspaper4k"] = newspaper
    except ImportError:
        pass
    return found


def _attempt(extract: Callable[[str, str], str], page: Page, failed: set[str]) -> str:
    """Return what an extractor finds on a page; "" where it raises, noting the page."""
    try:
        return extract(page.html, page.url) or ""
    except Exception:
        # A library that raises on a page has found nothing there, as in production.
        failed.add(page.key)
        return ""


def run(pages: list[Page], kind: str, repeat: int) -> list[dict]:
    """Score every extractor on the pages; return one row per extractor."""
    rows = []
    for name, extract in extractors().items():
        texts, best, failed = [], float("inf"), set()
        for number in range(repeat):
            started = time.perf_counter()
            done = [_attempt(extract, page, failed) for page in pages]
            best = min(best, time.perf_counter() - started)
            if number == 0:
                texts = done
        if kind == "body":
            quality = scores(
                [page_score(page.body, text) for page, text in zip(pages, texts, strict=True)]
            )
        else:
            quality = snippet_scores(
                [snippet_counts(page, text) for page, text in zip(pages, texts, strict=True)]
            )
        rows.append(
            {"extractor": name, **quality, "pages_per_s": len(pages) / best, "errors": len(failed)}
        )
    return rows


def table(rows: list[dict], kind: str) -> list[str]:
    """Return the Markdown table of the rows, best F1 first."""
    columns = ["F1", "precision", "recall"] + (["accuracy"] if kind == "snippets" else [])
    lines = [
        "| extractor | " + " | ".join(columns) + " | pages/s | pages it raised on |",
        "|---|" + "---:|" * (len(columns) + 2),
    ]
    for row in sorted(rows, key=lambda r: -r["f1"]):
        cells = [f"{row[column.lower()]:.3f}" for column in columns]
        cells += [f"{row['pages_per_s']:.0f}", str(row["errors"])]
        lines.append(f"| {row['extractor']} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dataset",
        type=Path,
        default=DEFAULT_DATASET,
        help="A folder in either layout (default: our own set).",
    )
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs; the best is kept.")
    parser.add_argument(
        "--fetch",
        choices=sorted(FETCHERS),
        help="Download a public data set into bench/.cache/ and stop.",
    )
    args = parser.parse_args()
    if args.fetch:
        FETCHERS[args.fetch](CACHE / args.fetch)
        return
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    import django

    django.setup()
    # The libraries log each odd page they meet; the table is what this run is for.
    logging.disable(logging.CRITICAL)
    kind = layout(args.dataset)
    pages = load(args.dataset)
    if not pages:
        raise SystemExit(f"{args.dataset}: no page with its ground truth")
    shown = args.dataset.relative_to(ROOT) if args.dataset.is_relative_to(ROOT) else args.dataset
    print(
        f"dataset: {shown} ({len(pages)} pages, {kind} metric); "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print("\n".join(table(run(pages, kind, args.repeat), kind)))


if __name__ == "__main__":
    main()
