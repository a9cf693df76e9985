"""Measure every check-worthiness candidate side by side on data no choice was made on.

    python bench/checkworthiness_eval.py

Candidates: ``ngram`` (the fallback), the frozen encoder's heads (``minilm``,
``minilm+cues+news``, ``minilm+ngram+cues+news``) and the fine-tuned encoder's (``finetuned``,
``finetuned+ngram+cues+news``), the heads and the encoder file each one reads named in
``bench/checkworthiness_candidates.json`` (written by ``bench/train_checkworthiness.py``).
For each: F1 (with precision and recall) of the "Yes" class on the two held-out sets of debates
(the latest 15% of train.tsv, and dev-test.tsv: later debates still) at the candidate's own
calibrated cut, ROC AUC and per-article precision@k on the news test articles, CPU milliseconds
per sentence scored one at a time on one core, the size of its files and the time (wall and CPU)
to load them and score a first sentence in a fresh process. Prints a Markdown table for
docs/benchmarks.md, then the install size the runtime packages add.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import checkworthiness_data as data

from annotations.splitting import checkworthiness_encoder as encoder_files
from annotations.splitting.checkworthiness import head_inputs
from annotations.splitting.checkworthiness_cues import cues
from annotations.splitting.checkworthiness_ngram import (
    MODEL_PATH,
    load_model,
    ngram_probability,
)

ROOT = data.ROOT
CANDIDATES_PATH = ROOT / "bench" / "checkworthiness_candidates.json"
_LOAD = {
    "ngram": "from annotations.splitting.checkworthiness_ngram import load_model; load_model()",
    # Everything the first score needs: imports, the encoder, the head, the n-gram model when
    # the head is stacked on it.
    "encoder": "from annotations.splitting.checkworthiness import active_scorer, score; "
    "assert active_scorer() == 'encoder'; score('Prices rose 3% in 2024.')",
}


def _load_seconds(kind: str) -> tuple[float, float]:
    """Return the best of three fresh-process load times, wall and CPU (imports included)."""
    code = (
        "import time; t, c = time.perf_counter(), time.process_time(); "
        f"{_LOAD[kind]}; print(time.perf_counter() - t, time.process_time() - c)"
    )
    runs = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        wall, cpu = done.stdout.strip().splitlines()[-1].split()
        runs.append((float(wall), float(cpu)))
    return min(runs)


def _encoder_path(stored: dict, name: str) -> Path:
    """Return the encoder file a candidate reads (the shipped one unless named)."""
    named = stored.get("encoders", {}).get(name)
    return ROOT / named if named else encoder_files.ENCODER_PATH


def _scorers() -> dict:
    """Return each candidate's one-sentence scoring function and its threshold."""
    ngram = load_model()
    out = {
        "ngram": (lambda s: ngram_probability(s, cues(s), ngram), ngram["threshold"]),
    }
    stored = json.loads(CANDIDATES_PATH.read_text(encoding="utf-8"))
    for name, head in stored["heads"].items():
        path = _encoder_path(stored, name)
        if not path.exists():
            print(f"{name}: no encoder file at {path}; run bench/train_checkworthiness.py")
            continue
        encoder = data.bare_encoder(head, encoder_path=path)

        def one(sentence, encoder=encoder):
            extra = head_inputs(sentence, cues(sentence), encoder.head)
            return encoder.probability(encoder.embed([sentence])[0], extra)

        out[name] = (one, head["threshold"])
    return out


def _size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def _installed_mb(package: str) -> float:
    """Return the size on disk of an installed package's files."""
    from importlib.metadata import distribution

    dist = distribution(package)
    return sum(dist.locate_file(f).stat().st_size for f in dist.files or []) / 1e6


def _with_requirements(names: list[str]) -> list[str]:
    """Return the installed packages these need, themselves included (extras left out)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    seen: dict[str, None] = {}
    todo = list(names)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        seen[name] = None
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return list(seen)


def main(argv: list[str] | None = None) -> int:
    """Print every candidate's figures as a Markdown table."""
    if not (data.DEBATES / "dev-test.tsv").exists():
        print(f"no data in {data.DEBATES}", file=sys.stderr)
        return 2
    debate_splits = data.debate_splits()
    latest, debates = debate_splits["test_latest"], debate_splits["test"]
    news = data.news_splits()["news_test"]
    stored = json.loads(CANDIDATES_PATH.read_text(encoding="utf-8"))
    shipped = stored["shipped"]
    # Every head file is about the same size: the shipped one stands for all.
    encoder_paths = [encoder_files.TOKENIZER_PATH, encoder_files.HEAD_PATH]
    load = {"ngram": _load_seconds("ngram"), "encoder": _load_seconds("encoder")}
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    timing = data.texts(news) * 2
    articles = len({r.group for r in news})
    print(
        f"Held-out debates: latest train debates {len(latest)} sentences "
        f"({sum(data.labels(latest))} yes), dev-test {len(debates)} "
        f"({sum(data.labels(debates))} yes)."
    )
    print(f"News test: {len(news)} sentences ({sum(data.labels(news))} checkable), {articles}")
    print(f"articles. {platform.machine()}, {os.cpu_count()} cores, {time.strftime('%F')}.")
    print()
    print(
        "| scorer | latest debates F1 (P / R) | dev-test F1 (P / R) | news AUC "
        "| news p@k mean (min) | CPU ms/sentence | files MB | load s, wall (CPU) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, (one, cut) in _scorers().items():
        f1s = []
        for rows in (latest, debates):
            p, r, f1 = data.f1_at([one(row.text) for row in rows], data.labels(rows), cut)
            f1s.append(f"{f1:.3f} ({p:.2f} / {r:.2f})")
        news_probs = [one(row.text) for row in news]
        auc = data.roc_auc(news_probs, data.labels(news))
        pk, pk_min = data.precision_at_k(news_probs, news)
        # CPU time: the machine is shared, and wall time would measure the neighbours too.
        start = time.process_time()
        for sentence in timing:
            one(sentence)
        ms = (time.process_time() - start) * 1000 / len(timing)
        stacked = name != "ngram" and "ngram" in stored["heads"][name]["cue_names"]
        if name == "ngram":
            files = [MODEL_PATH]
        else:
            files = [_encoder_path(stored, name), *encoder_paths] + [MODEL_PATH] * stacked
        wall, cpu = load["ngram" if name == "ngram" else "encoder"]
        label = f"**{name}** (shipped)" if name == shipped else name
        print(
            f"| {label} | {f1s[0]} | {f1s[1]} | {auc:.3f} | {pk:.3f} ({pk_min:.2f}) "
            f"| {ms:.2f} | {_size_mb(files):.1f} | {wall:.2f} ({cpu:.2f}) |"
        )
    print()
    sizes = {name: _installed_mb(name) for name in ("onnxruntime", "tokenizers", "numpy")}
    closure = _with_requirements(list(sizes))
    print(
        "Installed size of the runtime packages: "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in sizes.items())
        + f"; with everything they require ({', '.join(sorted(closure))}): "
        + f"{sum(_installed_mb(n) for n in closure):.0f} MB."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
