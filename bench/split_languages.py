"""Compare sentence splitting in twelve languages: this project's segmenter against its peers.

    python bench/split_languages.py [--lang es de ...] [--seconds 1.0] [--json PATH]

The text of each language is ``bench/data/split/<lang>.txt``: news-like sentences written for
this project, one per line, paragraphs separated by a blank line, with the hard cases of each
language (titles, abbreviations, ordinals, dotted numbers, the script's own stops, quotations).
A paragraph's sentences are joined by one space (by nothing in Chinese and Japanese).

For every splitter the table gives sentence-exact F1 (a sentence counts only if its trimmed span
is exactly a gold sentence), gold sentences split per second on one core (each paragraph
separately, pySBD's best case) and how many times faster than pySBD the project's segmenter is.
pySBD has no rules for Portuguese, Indonesian or Turkish: there it runs with its English rules,
marked "(en)". spaCy's Japanese tokenizer needs SudachiPy: Japanese runs through its multi-language
("xx") tokenizer, marked likewise. NLTK's punkt models are not on PyPI (``nltk.download`` fetches
them from GitHub at run time), so punkt is reported as unavailable. Peers come from the ``bench``
extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "split"
LANGUAGES = ("es", "pt", "fr", "de", "it", "ar", "hi", "id", "tr", "ru", "zh", "ja")
NO_SPACE = ("zh", "ja")
PEERS = ("pysbd", "spacy", "blingfire", "punkt")

Splitter = Callable[[str], list[tuple[int, int]]]


def load(language: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Return the paragraphs of a language's text and the gold spans of the joined text."""
    joiner = "" if language in NO_SPACE else " "
    blocks = (DATA / f"{language}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    paragraphs, gold, offset = [], [], 0
    for block in blocks:
        sentences = [line.strip() for line in block.splitlines() if line.strip()]
        for sentence in sentences:
            gold.append((offset, offset + len(sentence)))
            offset += len(sentence) + len(joiner)
        offset += 2 - len(joiner)
        paragraphs.append(joiner.join(sentences))
    return paragraphs, gold


def spans_of(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Find each returned sentence in the text, in order, and return its trimmed span."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, pos)
        if start < 0:
            continue  # a splitter that rewrote the text: the sentence cannot match
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return spans


def make(name: str, language: str) -> tuple[Splitter | None, str]:
    """Return a splitter for a language and a note (why it is missing, or how it was run)."""
    try:
        if name == "factcheck":
            sys.path.insert(0, str(ROOT))
            from annotations.splitting import split

            return (lambda t: [tuple(s) for s in split(t, language)]), ""
        if name == "pysbd":
            import pysbd
            from pysbd.languages import LANGUAGE_CODES

            code = language if language in LANGUAGE_CODES else "en"
            seg = pysbd.Segmenter(language=code, clean=False, char_span=True)
            note = "" if code == language else "(en)"
            return (lambda t: [(s.start, s.end) for s in seg.segment(t)]), note
        if name == "spacy":
            import spacy

            try:
                nlp, note = spacy.blank(language), ""
            except ImportError:
                nlp, note = spacy.blank("xx"), "(xx)"
            nlp.add_pipe("sentencizer")
            return (lambda t: [(s.start_char, s.end_char) for s in nlp(t).sents]), note
        if name == "blingfire":
            import blingfire

            return (lambda t: list(blingfire.text_to_sentences_and_offsets(t)[1])), ""
        if name == "punkt":
            return None, "punkt models not on PyPI"
    except ImportError as exc:
        return None, f"not installed ({exc.name})"
    raise ValueError(name)


def trimmed(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Return the spans with surrounding whitespace removed."""
    out = set()
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.add((start + lead, start + lead + len(piece.strip())))
    return out


def f1(text: str, found: list[tuple[int, int]], gold: list[tuple[int, int]]) -> float:
    """Return sentence-exact F1 of found spans against gold spans."""
    got, want = trimmed(text, found), set(gold)
    hits = len(got & want)
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def rate(splitter: Splitter, paragraphs: list[str], sentences: int, seconds: float) -> float:
    """Return gold sentences split per second, each paragraph split on its own.

    The best of five slices of the time: on a shared machine the other processes only ever
    slow a slice down, so the fastest slice is the closest to the splitter's own speed.
    """
    best = 0.0
    for _slice in range(5):
        rounds, spent = 0, 0.0
        t0 = time.perf_counter()
        while spent < seconds / 5:
            for paragraph in paragraphs:
                splitter(paragraph)
            rounds += 1
            spent = time.perf_counter() - t0
        best = max(best, rounds * sentences / spent)
    return best


def measure(language: str, seconds: float) -> dict:
    """Return F1 and speed of every splitter on one language's text."""
    paragraphs, gold = load(language)
    text = "\n\n".join(paragraphs)
    row: dict = {"language": language, "sentences": len(gold), "splitters": {}}
    for name in ("factcheck", *PEERS):
        splitter, note = make(name, language)
        if splitter is None:
            row["splitters"][name] = {"note": note}
            continue
        found = splitter(text)
        row["splitters"][name] = {
            "f1": round(f1(text, found, gold), 3),
            "per_s": round(rate(splitter, paragraphs, len(gold), seconds)),
            "note": note,
        }
    ours, pysbd = row["splitters"]["factcheck"], row["splitters"]["pysbd"]
    if "per_s" in pysbd:
        row["speed_vs_pysbd"] = round(ours["per_s"] / pysbd["per_s"], 1)
    return row


def print_table(rows: list[dict]) -> None:
    """Print the rows as a Markdown table."""
    names = ("factcheck", *PEERS)
    print(
        "| language | sentences | " + " | ".join(f"{n} F1" for n in names) + " | "
        "factcheck sentences/s | pySBD sentences/s | factcheck ÷ pySBD |"
    )
    print("|---" * (len(names) + 5) + "|")
    for row in rows:
        cells = []
        for name in names:
            figures = row["splitters"][name]
            cells.append(
                f"{figures['f1']:.3f} {figures['note']}".strip() if "f1" in figures else "—"
            )
        ours, pysbd = row["splitters"]["factcheck"], row["splitters"]["pysbd"]
        print(
            f"| {row['language']} | {row['sentences']} | " + " | ".join(cells) + " | "
            f"{ours['per_s']:,} | {pysbd.get('per_s', 0):,} | {row.get('speed_vs_pysbd', '—')}× |"
        )
    means = []
    for name in names:
        scores = [r["splitters"][name]["f1"] for r in rows if "f1" in r["splitters"][name]]
        means.append(f"{sum(scores) / len(scores):.3f}" if scores else "—")
    print("| mean | | " + " | ".join(means) + " | | | |")


def main(argv: list[str] | None = None) -> int:
    """Measure every language and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="*", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--seconds", type=float, default=1.0, help="timing per splitter")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, one used, Python "
        f"{platform.python_version()}; {time.strftime('%Y-%m-%d')}"
    )
    rows = [measure(language, args.seconds) for language in args.lang]
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
