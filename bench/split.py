"""Benchmark sentence splitting: this project's segmenter against pySBD, syntok, spaCy, blingfire.

    python bench/split.py [--size-mb 10] [--only NAME ...] [--json PATH]

Every splitter runs in its own process, pinned to one core, on the same text (about 10 MB of
English built from ../shared: debate sentences, the sample article, the golden-rule texts;
a synthetic text if ../shared is absent). For each it prints characters per second, the ratio to
this project's segmenter, the English golden rules passed (a sentence counts only if the span,
trimmed, equals the expected sentence) and the peak memory of the process. pySBD and syntok get
the text one paragraph at a time, their best case: both are slower than linear on one large text
(one call on 10 MB would take hours; ``--whole`` forces it).
Libraries that are not installed are reported as such: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN = SHARED / "standards" / "pysbd-golden-rules-en.json"
SPLITTERS = ("factcheck", "pysbd", "syntok", "spacy", "blingfire")
WHOLE = os.environ.get("BENCH_WHOLE") == "1"


def build_text(size: int, seed: int = 2024) -> tuple[str, str]:
    """Return about size characters of English news-like text and a note on where it came from."""
    rng = random.Random(seed)
    sentences: list[str] = []
    blocks: list[str] = []
    train = SHARED / "datasets" / "checkthat2024-en" / "train.tsv"
    if train.exists():
        with open(train, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) == 3 and row[1] not in ("Text", "#NAME?"):
                    sentences.append(row[1].strip())
    sample = SHARED / "samples" / "us-hamas-talks.txt"
    if sample.exists():
        blocks.extend(p.strip() for p in sample.read_text(encoding="utf-8").split("\n\n"))
    if GOLDEN.exists():
        blocks.extend(rule["text"] for rule in json.loads(GOLDEN.read_text(encoding="utf-8")))
    source = "CheckThat! 2024 train sentences, the sample article and the golden-rule texts"
    if not sentences:
        source = "synthetic sentences (../shared not found)"
        sentences = _synthetic_sentences(rng)
    if not blocks:
        blocks = [" ".join(rng.choice(sentences) for _ in range(3))]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.1:
            para = rng.choice(blocks)
        else:
            para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 7)))
        paragraphs.append(para)
        total += len(para) + 2
    return "\n\n".join(paragraphs)[:size], source


def _synthetic_sentences(rng: random.Random) -> list[str]:
    subjects = ["The U.S. Treasury", "Dr. Jane R. Miller", "Acme Corp.", "Sen. Smith", "Officials"]
    verbs = ["said", "reported", "estimated", "told reporters", "announced"]
    objects = [
        "that unemployment fell to 3.9% in Jan. last year",
        "that $12.5 billion was spent at 5 p.m. on Tuesday",
        'that "the talks failed!" on Friday',
        "that the plan—approved in 1997—would cost 28.5 ft. of cable",
        "that prices rose... again",
    ]
    return [
        f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}." for _ in range(5000)
    ]


# Each loader returns a function text -> list of sentence strings (for the golden rules) and a
# function text -> number of sentences (for the timed run, without building extra strings).
def _load(name: str):
    if name == "factcheck":
        sys.path.insert(0, str(ROOT))
        from annotations.splitting.segmenter import split

        return (
            lambda t: [t[s:e] for s, e in split(t, "en")],
            lambda t: len(split(t, "en")),
        )
    if name == "pysbd":
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        if WHOLE:
            return seg.segment, lambda t: len(seg.segment(t))
        # One pySBD call on a whole large text is slower than linear (1 MB took 22 s, 2 MB
        # 105 s here), so it gets the same text one paragraph at a time: its best case.
        return seg.segment, lambda t: sum(len(seg.segment(p)) for p in t.split("\n\n"))
    if name == "syntok":
        from syntok import segmenter

        def sentences(t: str) -> list[str]:
            out = []
            for paragraph in segmenter.analyze(t):
                for sentence in paragraph:
                    start = sentence[0].offset - len(sentence[0].spacing)
                    end = sentence[-1].offset + len(sentence[-1].value)
                    out.append(t[start:end])
            return out

        def count(t: str) -> int:
            # syntok is slower than linear on one large text too (0.25 MB: 5.6 s, 0.5 MB:
            # 20.6 s, 1 MB: 48 s here), so it also gets one paragraph at a time.
            parts = [t] if WHOLE else t.split("\n\n")
            return sum(1 for part in parts for p in segmenter.analyze(part) for _s in p)

        return sentences, count
    if name == "spacy":
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = 10**9

        def count(t: str) -> int:
            return sum(1 for _ in nlp(t).sents)

        return lambda t: [s.text for s in nlp(t).sents], count
    if name == "blingfire":
        import blingfire

        def sentences(t: str) -> list[str]:
            _text, offsets = blingfire.text_to_sentences_and_offsets(t)
            return [t[s:e] for s, e in offsets]

        return sentences, lambda t: len(blingfire.text_to_sentences_and_offsets(t)[1])
    raise ValueError(name)


def _rss_mb() -> float:
    """Return the current resident set size in MB (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_peak() -> bool:
    """Reset the process's peak RSS (Linux), so the peak measures the split alone."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """Return the peak resident set size in MB since the last reset (or since start)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(name: str, text_path: str) -> dict:
    """Run one splitter in this process and return its figures."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    try:
        sentences, count = _load(name)
    except ImportError as exc:
        return {"name": name, "error": f"not installed ({exc.name})"}
    golden = None
    if GOLDEN.exists():
        rules = json.loads(GOLDEN.read_text(encoding="utf-8"))
        golden = sum(
            1
            for rule in rules
            if [s.strip() for s in sentences(rule["text"]) if s.strip()] == rule["expected"]
        )
    text = Path(text_path).read_text(encoding="utf-8")
    count(text[:20000])  # warm up lazy imports and caches
    gc.collect()
    before = _rss_mb()
    _reset_peak()
    t0 = time.perf_counter()
    n = count(text)
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    return {
        "name": name,
        "chars": len(text),
        "sentences": n,
        "seconds": round(seconds, 3),
        "chars_per_s": len(text) / seconds,
        "golden": golden,
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the text, run every splitter in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--only", nargs="*", choices=SPLITTERS, default=list(SPLITTERS))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per splitter")
    parser.add_argument(
        "--whole",
        action="store_true",
        help="give pySBD and syntok the whole text in one call (slower than linear: hours)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--text", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.text)))
        return 0

    text, source = build_text(int(args.size_mb * 1_000_000))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    print(f"text: {len(text):,} characters ({source}), sha256 {digest}")
    print(
        f"machine: {platform.machine()} {_cpu()} , {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, one core per splitter; {time.strftime('%Y-%m-%d')}"
    )
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["BENCH_WHOLE"] = "1" if args.whole else "0"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_text(text, encoding="utf-8")
        for name in args.only:
            try:
                proc = subprocess.run(
                    [sys.executable, __file__, "--worker", name, "--text", str(path)],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    env=env,
                    check=False,
                )
                lines = proc.stdout.strip().splitlines()
                result = (
                    json.loads(lines[-1])
                    if lines
                    else {"name": name, "error": proc.stderr.strip().splitlines()[-1:]}
                )
            except subprocess.TimeoutExpired:
                result = {"name": name, "error": f"over {args.timeout} s"}
            results.append(result)
            _print_row(result, results[0])
    if args.json:
        args.json.write_text(json.dumps({"text_sha256": digest, "results": results}, indent=1))
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _print_row(result: dict, ours: dict) -> None:
    name = result["name"]
    if "error" in result:
        print(f"{name:<10} {result['error']}")
        return
    ratio = ""
    if "chars_per_s" in ours and name != ours["name"]:
        ratio = f"factcheck is {ours['chars_per_s'] / result['chars_per_s']:.1f}x faster"
    golden = "n/a" if result["golden"] is None else f"{result['golden']}/48"
    print(
        f"{name:<10} {result['chars_per_s'] / 1e6:7.2f} M chars/s  {result['seconds']:8.2f} s  "
        f"{result['sentences']:>8,} sentences  golden {golden:<6} peak RSS while splitting "
        f"{result['peak_rss_mb']:7.1f} MB (text loaded: {result['rss_before_mb']:.1f} MB)  {ratio}",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
