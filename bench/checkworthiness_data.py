"""Data and measures shared by the check-worthiness training and evaluation scripts.

Debates: CheckThat! 2024 English (``../shared/datasets/checkthat2024-en``). Its sentence ids
follow the debates' order, so "by debate, the latest held out" is by id. train.tsv is cut at
its 70th and 85th percentile ids: ``fit`` below the first, ``held`` between them (every choice
is made there), ``test_latest`` above the second: the latest training debates, read only for
the figures, as is ``test`` (dev-test.tsv, later debates than any in train.tsv). dev.tsv shares
train.tsv's debates: only its sentences below the first cut (``dev``) are used, to fit the
final models, so no sentence of a test debate is trained on.

News: ``bench/data/news/articles.txt``, written for the project. Train articles are split again
by article (``news_fit``/``news_tune``) for choices; test articles are read only for the figures.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
# The bench scripts import the app's modules from the checkout, installed or not.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DEBATES = ROOT.parent / "shared" / "datasets" / "checkthat2024-en"
NEWS = ROOT / "bench" / "data" / "news" / "articles.txt"
_MERGED = re.compile(r"(Yes|No)(\d+)\Z")


class Row(NamedTuple):
    """One labelled sentence: its group (debate id or article), text and label (1: check)."""

    group: str
    text: str
    label: int


def load_debates(path: Path) -> list[tuple[int, str, int]]:
    """Read one TSV split as (id, text, label), mending the merged record, dropping artefacts."""
    out: list[tuple[int, str, int]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    for row in rows[1:]:
        if len(row) == 5:
            # One line of train.tsv holds two records: "...\tNo29286\t...\tNo".
            merged = _MERGED.match(row[2])
            if not merged:
                continue
            pairs = [(row[0], row[1], merged.group(1)), (merged.group(2), row[3], row[4])]
        elif len(row) == 3:
            pairs = [(row[0], row[1], row[2])]
        else:
            continue
        for ident, text, label in pairs:
            text, label = text.strip(), label.strip()
            if not text or text == "#NAME?" or label not in ("Yes", "No"):
                continue
            out.append((int(ident), text, 1 if label == "Yes" else 0))
    return out


def debate_splits(data: Path = DEBATES) -> dict[str, list[Row]]:
    """Return the debates as fit, held, dev, test_latest and test rows (see the docstring)."""
    train = load_debates(data / "train.tsv")
    ids = sorted(ident for ident, _t, _y in train)
    choose, latest = ids[int(len(ids) * 0.70)], ids[int(len(ids) * 0.85)]

    def rows(items):
        return [Row(str(i), t, y) for i, t, y in items]

    return {
        "fit": rows(r for r in train if r[0] < choose),
        "held": rows(r for r in train if choose <= r[0] < latest),
        "dev": rows(r for r in load_debates(data / "dev.tsv") if r[0] < choose),
        "test_latest": rows(r for r in train if r[0] >= latest),
        "test": rows(load_debates(data / "dev-test.tsv")),
    }


def news_splits(path: Path = NEWS) -> dict[str, list[Row]]:
    """Return the news set as news_fit, news_tune (both from train articles) and news_test."""
    out: dict[str, list[Row]] = {"news_fit": [], "news_tune": [], "news_test": []}
    article, split, train_index = "", "", 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            article, _topic, split = line[3:].split()
            if split == "train":
                train_index += 1
        elif line[:2] in ("0 ", "1 "):
            if split == "test":
                key = "news_test"
            else:
                key = "news_tune" if train_index % 2 == 0 else "news_fit"
            out[key].append(Row(article, line[2:].strip(), int(line[0])))
    return out


def texts(rows: Sequence[Row]) -> list[str]:
    """Return the sentences of rows."""
    return [r.text for r in rows]


def labels(rows: Sequence[Row]) -> list[int]:
    """Return the labels of rows."""
    return [r.label for r in rows]


def f1_at(probs, gold, cut: float) -> tuple[float, float, float]:
    """Return precision, recall and F1 of the positive class at a threshold."""
    tp = sum(1 for p, y in zip(probs, gold, strict=True) if p >= cut and y)
    fp = sum(1 for p, y in zip(probs, gold, strict=True) if p >= cut and not y)
    fn = sum(1 for p, y in zip(probs, gold, strict=True) if p < cut and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(probs, gold) -> tuple[float, float]:
    """Return the threshold that maximises F1 on these labels, and that F1."""
    best = (0.5, -1.0)
    for step in range(2, 99):
        f1 = f1_at(probs, gold, step / 100)[2]
        if f1 > best[1]:
            best = (step / 100, f1)
    return best


def selection_score(held_f1: float, tune_auc: float, tune_pk: float) -> float:
    """Weigh debates and news equally: held-out F1 and the news tune split's AUC and p@k."""
    return (held_f1 + (tune_auc + tune_pk) / 2) / 2


def roc_auc(probs, gold) -> float:
    """Return the ROC AUC: the chance a checkable sentence outranks one that is not."""
    pos = [p for p, y in zip(probs, gold, strict=True) if y]
    neg = [p for p, y in zip(probs, gold, strict=True) if not y]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def precision_at_k(probs, rows: Sequence[Row]) -> tuple[float, float]:
    """Return the mean and the lowest per-article precision@k (k: the article's checkables)."""
    by_article: dict[str, list[tuple[float, int]]] = {}
    for p, row in zip(probs, rows, strict=True):
        by_article.setdefault(row.group, []).append((p, row.label))
    values = []
    for items in by_article.values():
        k = sum(y for _p, y in items)
        if not k:
            continue
        # Ties broken against the model: a checkable sentence tied with one that is not loses.
        top = sorted(items, key=lambda item: (-item[0], item[1]))[:k]
        values.append(sum(y for _p, y in top) / k)
    return sum(values) / len(values), min(values)


def embeddings(encoder, sentences: list[str]):
    """Return the encoder's embeddings for sentences, cached in the temp folder between runs."""
    import numpy as np

    from annotations.splitting.checkworthiness_encoder import ENCODER_PATH

    digest = hashlib.sha256(getattr(encoder, "path", ENCODER_PATH).read_bytes())
    digest.update("\n".join(sentences).encode())
    cache = Path(tempfile.gettempdir()) / f"checkworthiness-1-{digest.hexdigest()[:16]}.npy"
    if cache.exists():
        return np.load(cache)
    # One sentence at a time: an encoder exported before the activation scales were fixed
    # (the frozen one of the last run) quantises them over the whole batch.
    out = np.zeros((len(sentences), 384), dtype=np.float32)
    for i, sentence in enumerate(sentences):
        out[i] = encoder.embed([sentence])[0]
    np.save(cache, out)
    return out


def bare_encoder(head: dict | None = None, encoder_path: Path | None = None):
    """Open the shipped encoder files (or another encoder file) with a given head (none:
    embeddings only)."""
    import numpy as np
    import onnxruntime
    from tokenizers import Tokenizer

    from annotations.splitting.checkworthiness_encoder import (
        ENCODER_PATH,
        TOKENIZER_PATH,
        Encoder,
    )

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    path = encoder_path or ENCODER_PATH
    session = onnxruntime.InferenceSession(str(path), options)
    head = dict(head or {})
    if "embedding_weights" in head:
        head["_embedding_weights"] = np.asarray(head["embedding_weights"], dtype=np.float32)
    encoder = Encoder(session, Tokenizer.from_file(str(TOKENIZER_PATH)), head)
    # The embedding cache is keyed on the file's bytes.
    encoder.path = path
    return encoder
