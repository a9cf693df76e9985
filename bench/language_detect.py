"""Compare language detectors on the thirteen languages of the desk, short texts included.

    python bench/language_detect.py [--only NAME ...] [--json PATH]

The texts were written for this project: ``bench/data/language/headlines.tsv`` (four headlines
per language), the sentences and paragraphs of ``bench/data/split/<lang>.txt`` and, for English,
``bench/data/language/en.txt``. Each detector runs in its own process on one core and sees every
text three ways: headline, single sentence, paragraph. The table gives accuracy per kind (a
declined text counts as a miss), how many texts it declined to name and how many it named
wrongly, texts per second (all
kinds), the time to load and the first call, the peak memory of the process and the size of the
installed package (its own folder, plus numpy where it needs it).

"factcheck" is ``annotations.splitting.language.detect_language``: py3langid among the
configured languages, declining (the app then takes its default language) when the text is too
short or too ambiguous. Libraries that are not installed are reported as such:
``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "ar", "hi", "id", "tr", "ru", "zh", "ja")
DETECTORS = ("factcheck", "lingua", "py3langid", "pycld2", "langdetect")
PACKAGES = {
    "factcheck": ["py3langid", "numpy"],
    "lingua": ["lingua"],
    "py3langid": ["py3langid", "numpy"],
    "pycld2": ["pycld2"],
    "langdetect": ["langdetect", "six"],
}


def samples() -> list[tuple[str, str, str]]:
    """Return (language, kind, text) for every headline, sentence and paragraph."""
    out = []
    for line in (DATA / "language" / "headlines.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            language, text = line.split("\t", 1)
            out.append((language, "headline", text))
    for language in LANGUAGES:
        path = DATA / "split" / f"{language}.txt"
        if language == "en":
            path = DATA / "language" / "en.txt"
        joiner = "" if language in ("zh", "ja") else " "
        for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
            lines = [line for line in block.splitlines() if line.strip()]
            out.extend((language, "sentence", line) for line in lines)
            out.append((language, "paragraph", joiner.join(lines)))
    return out


def _load(name: str):
    """Return a function text -> ISO 639-1 code (or "" where it declines) for one detector."""
    if name == "factcheck":
        # py3langid among the configured languages, declining short or ambiguous text (the app
        # then uses its default language).
        sys.path.insert(0, str(ROOT))
        from annotations.splitting.language import detect_language

        return lambda text: detect_language(text, default="-").strip("-")
    if name == "lingua":
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else ""

        return detect
    if name == "py3langid":
        import py3langid

        return lambda text: py3langid.classify(text)[0]
    if name == "pycld2":
        import pycld2

        def detect(text: str) -> str:
            _reliable, _bytes, details = pycld2.detect(text)
            return details[0][1].split("-")[0] if details[0][1] != "un" else ""

        return detect
    if name == "langdetect":
        from langdetect import DetectorFactory
        from langdetect import detect as langdetect_detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # langdetect is random unless seeded

        def detect(text: str) -> str:
            try:
                return langdetect_detect(text).split("-")[0]
            except LangDetectException:
                return ""

        return detect
    raise ValueError(name)


def _size_mb(packages: list[str]) -> float:
    """Return the installed size of the packages' folders in MB."""
    total = 0
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in Path(folder).rglob("*"):
                if path.is_file():
                    total += path.stat().st_size
    return total / 2**20


def worker(name: str) -> dict:
    """Run one detector in this process and return its figures."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    data = samples()
    t0 = time.perf_counter()
    try:
        detect = _load(name)
    except ImportError as exc:
        return {"name": name, "error": f"not installed ({exc.name})"}
    detect(data[0][2])
    load_s = time.perf_counter() - t0
    for _language, _kind, text in data:  # warm every language's model once
        detect(text)
    right: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    for language, kind, text in data:
        found = detect(text)
        tally = right.setdefault(kind, [0, 0, 0])
        tally[0] += found == language
        tally[1] += 1
        tally[2] += found == ""
    seconds = time.perf_counter() - t0
    return {
        "name": name,
        "accuracy": {kind: round(hit / total, 3) for kind, (hit, total, _none) in right.items()},
        "counts": {kind: total for kind, (_hit, total, _none) in right.items()},
        "declined": sum(none for _hit, _total, none in right.values()),
        "wrong": sum(total - hit - none for hit, total, none in right.values()),
        "texts_per_s": round(len(data) / seconds),
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "size_mb": round(_size_mb(PACKAGES[name]), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every detector in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=DETECTORS, default=list(DETECTORS))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, one used, Python "
        f"{platform.python_version()}; {time.strftime('%Y-%m-%d')}"
    )
    print(
        "| detector | headline | sentence | paragraph | declined | wrong | texts/s | "
        "load + first call | peak memory | installed |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    results = []
    for name in args.only:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", name],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = proc.stdout.strip().splitlines()
        result = json.loads(lines[-1]) if lines else {"name": name, "error": proc.stderr[-300:]}
        results.append(result)
        if "error" in result:
            print(f"| {name} | {result['error']} | | | | | | | | |")
            continue
        acc, counts = result["accuracy"], result["counts"]
        print(
            f"| {name} | "
            + " | ".join(
                f"{acc[k]:.3f} ({counts[k]})" for k in ("headline", "sentence", "paragraph")
            )
            + f" | {result['declined']} | {result['wrong']} | {result['texts_per_s']:,} | "
            f"{result['load_s']:.2f} s | {result['peak_rss_mb']} MB | {result['size_mb']} MB |",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
