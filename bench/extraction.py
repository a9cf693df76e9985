"""Benchmark article extractors: precision, recall and F1 of the article body, and pages/s.

    python bench/extraction.py [--dataset DIR] [--repeat 3]

A dataset folder holds `ground-truth.json` ({id: {"articleBody": ..., "url": ...}}) and
`html/<id>.html` or `html/<id>.html.gz`: the layout of ScrapingHub's public
article-extraction-benchmark, whose 181 pages and ground truth can be cloned from its public
repository into the git-ignored `bench/.cache/article-extraction-benchmark/` and named with
--dataset (its data is never committed here). Without --dataset the script reads our own
small set, `bench/data/extraction/` (16 pages written for this project, see its README).

The score is that benchmark's own metric, implemented here from its definition: each text is
cut into word tokens (`\\w+`), tokens into overlapping runs of four (shingles); per page,
true positives, false positives and false negatives are the shingle counts in common, only
predicted and only expected, normalised to sum to one; precision and recall are averaged over
the pages and F1 is their harmonic mean.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "1")

DEFAULT_DATASET = ROOT / "bench" / "data" / "extraction"
_TOKEN = re.compile(r"\w+")


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


def load(dataset: Path) -> list[tuple[str, str, str, str]]:
    """Return (id, url, html, expected body) for every page of a dataset folder."""
    truth = json.loads((dataset / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        plain = dataset / "html" / f"{key}.html"
        if plain.exists():
            raw = plain.read_bytes()
        else:
            raw = gzip.decompress((dataset / "html" / f"{key}.html.gz").read_bytes())
        pages.append(
            (key, item.get("url", ""), raw.decode("utf-8", "replace"), item["articleBody"])
        )
    return pages


def extractors() -> dict[str, Callable[[str, str], str]]:
    """Return each installed candidate as a function (html, url) -> article text."""
    import django

    django.setup()
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

        def run_justext(page: str, url: str) -> str:
            paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
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

        def newspaper(page: str, url: str) -> str:
            article = NewspaperArticle(url or "https://example.org/")
            article.download(input_html=page)
            article.parse()
            return article.text

        found["newspaper4k"] = newspaper
    except ImportError:
        pass
    return found


def run(dataset: Path, repeat: int) -> list[dict]:
    """Score every extractor on the dataset; return one row per extractor."""
    pages = load(dataset)
    rows = []
    for name, extract in extractors().items():
        results, best = [], float("inf")
        for attempt in range(repeat):
            started = time.perf_counter()
            texts = [extract(page, url) for _, url, page, _ in pages]
            best = min(best, time.perf_counter() - started)
            if attempt == 0:
                results = [
                    page_score(expected, text)
                    for text, (*_, expected) in zip(texts, pages, strict=True)
                ]
        rows.append({"extractor": name, **scores(results), "pages_per_s": len(pages) / best})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs; the best is kept.")
    args = parser.parse_args()
    rows = run(args.dataset, args.repeat)
    shown = args.dataset.relative_to(ROOT) if args.dataset.is_relative_to(ROOT) else args.dataset
    print(
        f"dataset: {shown} ({len(load(args.dataset))} pages); "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print("| extractor | F1 | precision | recall | pages/s |")
    print("|---|---:|---:|---:|---:|")
    for row in sorted(rows, key=lambda r: -r["f1"]):
        print(
            f"| {row['extractor']} | {row['f1']:.3f} | {row['precision']:.3f} | "
            f"{row['recall']:.3f} | {row['pages_per_s']:.0f} |"
        )


if __name__ == "__main__":
    main()
