"""Rebuild every check-worthiness model file, choose the shipped scorer, and measure them all.

    nice -n 19 python bench/train_checkworthiness.py [--data ../shared/datasets/checkthat2024-en]
        [--epochs 3] [--subsample 0] [--no-finetune] [--reuse-frozen] [--reuse-finetune]

Needs the ``bench`` extra (torch, transformers, scikit-learn, the MiniLM weights) and
``../shared/datasets``. In order it:

1. exports the frozen int8 MiniLM encoder into ``bench/.cache/frozen`` (and the tokenizer
   beside the app's files) when missing (``bench/checkworthiness_export.py``);
2. rebuilds the n-gram model (``checkworthiness_model.json``, the fallback);
3. trains the candidate heads on the frozen encoder's embeddings: ``minilm`` (embedding only,
   debates), ``minilm+cues+news`` (embedding and the readable cues, debates and the news set's
   train articles) and ``minilm+ngram+cues+news`` (also the n-gram model's logit, out of fold);
4. fine-tunes MiniLM on the fit debates and news_fit articles
   (``bench/finetune_checkworthiness.py``; ``--epochs``, ``--lr``, ``--class-weights`` and
   ``--subsample`` pass through), exports the best epoch as int8 ONNX into
   ``bench/.cache/finetune`` and chooses its heads, ``finetuned`` and
   ``finetuned+ngram+cues+news``;
5. chooses the shipped scorer and its settings on the choice splits only (train debates between
   the 70th and 85th percentile ids, half of the news train articles); a frozen-encoder head is
   refitted on all training data, its cut calibrated on out-of-fold predictions. Writes
   ``checkworthiness_head.json`` and copies the winner's encoder to the app's
   ``checkworthiness_encoder.onnx``;
6. runs ``bench/checkworthiness_eval.py``: every candidate on the held-out debates (the latest
   train debates and dev-test.tsv) and the news test articles, which nothing above reads.

``--reuse-frozen`` keeps the n-gram model and the frozen heads of the last run (from
``bench/checkworthiness_candidates.json``); ``--reuse-finetune`` keeps the last fine-tune
(``bench/.cache/finetune``). On the project's 2-core machine the fine-tune is most of the time:
about 20 minutes for the default three epochs over all the fit debates when nothing else runs
(0.8 s a step), five times that on a loaded machine (``--subsample 7000 --epochs 2`` then).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import checkworthiness_data as data
import checkworthiness_ngram_train as ngram

from annotations.splitting.checkworthiness_cues import CUE_NAMES, cue_values, cues
from annotations.splitting.checkworthiness_encoder import (
    ENCODER_PATH,
    HEAD_PATH,
    TOKENIZER_PATH,
)

ROOT = data.ROOT
CANDIDATES_PATH = ROOT / "bench" / "checkworthiness_candidates.json"
FROZEN_DIR = ROOT / "bench" / ".cache" / "frozen"
FROZEN_ENCODER = FROZEN_DIR / ENCODER_PATH.name
C_GRID = (0.1, 0.3, 1.0, 3.0)
NEWS_WEIGHTS = (1.0, 5.0, 20.0)


NGRAM_FEATURE = "ngram"


def _logit(probs):
    import numpy as np

    p = np.clip(np.asarray(probs, dtype=np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _matrix(emb, rows, use_cues: bool, ngram=None):
    """Stack the embedding, the cue values and the n-gram model's logit, as the head reads them."""
    import numpy as np

    parts = [emb]
    if use_cues:
        parts.append(np.asarray([cue_values(cues(r.text)) for r in rows], dtype=np.float32))
    if ngram is not None:
        parts.append(_logit(ngram)[:, None].astype(np.float32))
    return np.hstack(parts) if len(parts) > 1 else emb


def _groups(splits: dict, parts: list[str]):
    """Group rows for cross-validation: blocks of 400 debate ids (debates run in id order), or
    the news article."""
    import numpy as np

    return np.concatenate(
        [
            [r.group if p[:4] == "news" else str(int(r.group) // 400) for r in splits[p]]
            for p in parts
        ]
    )


def _fit(x, y, c: float, weights=None):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000).fit(x, y, sample_weight=weights)


def _oof(x, y, weights, groups, c: float):
    """Return out-of-fold probabilities (5 folds by debate block or article)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for train_idx, test_idx in GroupKFold(n_splits=5).split(x, y, groups):
        model = _fit(x[train_idx], y[train_idx], c, weights[train_idx])
        out[test_idx] = model.predict_proba(x[test_idx])[:, 1]
    return out


def ngram_inputs(splits: dict, settings: dict) -> tuple[dict, dict]:
    """Return the n-gram probabilities the stacked head learns from, never from a model that
    saw the row: for choosing (n-gram fitted on fit) and for the final head (on all debates)."""
    rows = splits

    def joined(names):
        return [r for k in names for r in rows[k]]

    def spread(names, values):
        out, begin = {}, 0
        for name in names:
            out[name], begin = values[begin : begin + len(rows[name])], begin + len(rows[name])
        return out

    choose = spread(["fit"], ngram.out_of_fold(rows["fit"], _groups(splits, ["fit"]), settings))
    later = ["held", "news_fit", "news_tune"]
    choose.update(spread(later, ngram.probabilities(rows["fit"], joined(later), settings)))
    debates = ["fit", "held", "dev"]
    every = joined(debates)
    final = spread(debates, ngram.out_of_fold(every, _groups(splits, debates), settings))
    news = ["news_fit", "news_tune"]
    final.update(spread(news, ngram.probabilities(every, joined(news), settings)))
    return choose, final


CANDIDATES = (
    # name, cues, stacked on the n-gram model, news weights tried
    ("minilm", False, False, (0.0,)),
    ("minilm+cues+news", True, False, NEWS_WEIGHTS),
    ("minilm+ngram+cues+news", True, True, NEWS_WEIGHTS),
)


def train_heads(splits: dict, emb: dict, ngram_settings: dict) -> tuple[dict, dict]:
    """Choose and fit the encoder heads; return them and the selection figures."""
    import numpy as np

    ngram_choose, ngram_final = ngram_inputs(splits, ngram_settings)
    heads, chosen = {}, {}
    for name, use_cues, stacked, news_weights in CANDIDATES:
        best = None

        def x_of(part, stacked=stacked, use_cues=use_cues):
            extra = ngram_choose[part] if stacked else None
            return _matrix(emb[part], splits[part], use_cues, extra)

        held_x, tune_x = x_of("held"), x_of("news_tune")
        for c in C_GRID:
            for weight in news_weights:
                parts = ["fit", "news_fit"] if weight else ["fit"]
                x = np.vstack([x_of(p) for p in parts])
                y = np.concatenate([data.labels(splits[p]) for p in parts])
                w = np.concatenate(
                    [np.full(len(splits[p]), weight if p[:4] == "news" else 1.0) for p in parts]
                )
                model = _fit(x, y, c, w)
                _cut, held_f1 = data.best_threshold(
                    model.predict_proba(held_x)[:, 1], data.labels(splits["held"])
                )
                tune = model.predict_proba(tune_x)[:, 1]
                auc = data.roc_auc(tune, data.labels(splits["news_tune"]))
                pk = data.precision_at_k(tune, splits["news_tune"])[0]
                total = data.selection_score(held_f1, auc, pk)
                print(
                    f"  {name:<22} C={c:<4} news weight {weight:<4} held F1 {held_f1:.3f} "
                    f"news tune AUC {auc:.3f} p@k {pk:.3f} -> {total:.3f}"
                )
                if best is None or total > best["selection"]:
                    best = {"selection": total, "C": c, "news_weight": weight, "held_f1": held_f1}
                    best.update({"tune_auc": auc, "tune_pk": pk})
        print(f"chosen for {name}: {best}")
        final_ngram = ngram_final if stacked else None
        heads[name] = _final_head(name, splits, emb, use_cues, final_ngram, best)
        chosen[name] = best
    return heads, chosen


def _final_head(name: str, splits: dict, emb: dict, use_cues: bool, ngram, best: dict) -> dict:
    """Refit on every training split and calibrate the cut on out-of-fold predictions."""
    import numpy as np

    parts = ["fit", "held", "dev"]
    if best["news_weight"]:
        parts += ["news_fit", "news_tune"]
    x = np.vstack(
        [_matrix(emb[p], splits[p], use_cues, None if ngram is None else ngram[p]) for p in parts]
    )
    y = np.concatenate([data.labels(splits[p]) for p in parts])
    w = np.concatenate(
        [np.full(len(splits[p]), best["news_weight"] if p[:4] == "news" else 1.0) for p in parts]
    )
    oof = _oof(x, y, w, _groups(splits, parts), best["C"])
    cut, oof_f1 = data.best_threshold(list(oof), list(y))
    model = _fit(x, y, best["C"], w)
    coef = model.coef_[0]
    extra = (list(CUE_NAMES) if use_cues else []) + ([NGRAM_FEATURE] if ngram is not None else [])
    return {
        "about": f"check-worthiness head '{name}' over all-MiniLM-L6-v2 (int8) embeddings; "
        "rebuilt by bench/train_checkworthiness.py",
        "candidate": name,
        "data": "CheckThat! 2024 task 1 English train + dev"
        + (" and the project's news set (train articles)" if best["news_weight"] else ""),
        "trained": time.strftime("%Y-%m-%d"),
        "C": best["C"],
        "news_weight": best["news_weight"],
        "threshold": cut,
        "out_of_fold_f1": round(oof_f1, 4),
        "selection": {k: round(v, 4) for k, v in best.items() if isinstance(v, float)},
        "bias": round(float(model.intercept_[0]), 6),
        "embedding_weights": [round(float(v), 6) for v in coef[:384]],
        "cue_names": extra,
        "cue_weights": [round(float(v), 6) for v in coef[384:]],
    }


def _frozen_encoder(stored: dict | None) -> Path:
    """Return the frozen encoder's file, exporting it (or keeping the shipped one) if missing."""
    if not FROZEN_ENCODER.exists():
        FROZEN_DIR.mkdir(parents=True, exist_ok=True)
        shipped = (stored or {}).get("shipped", "")
        if ENCODER_PATH.exists() and shipped.startswith("minilm"):
            # The shipped encoder is the frozen one: keep its bytes, the heads were fitted on them.
            shutil.copyfile(ENCODER_PATH, FROZEN_ENCODER)
        else:
            import checkworthiness_export

            checkworthiness_export.export(FROZEN_DIR)
    if not TOKENIZER_PATH.exists():
        import checkworthiness_export

        _encoder, tokenizer = checkworthiness_export.export(FROZEN_DIR)
        shutil.copyfile(tokenizer, TOKENIZER_PATH)
    return FROZEN_ENCODER


def _relative(path: Path) -> str:
    """Name a file from the checkout's root when it is inside it (ROOT / an absolute path is it)."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    """Rebuild the model files, choose the shipped head, and print every candidate's figures."""
    import finetune_checkworthiness as finetune

    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        parents=[finetune.parser()],
        conflict_handler="resolve",
    )
    parser.add_argument("--data", type=Path, default=data.DEBATES)
    parser.add_argument("--no-eval", action="store_true", help="skip the final measurements")
    parser.add_argument("--no-finetune", action="store_true", help="frozen encoder heads only")
    parser.add_argument("--reuse-frozen", action="store_true", help="keep the last frozen heads")
    parser.add_argument("--reuse-finetune", action="store_true", help="keep the last fine-tune")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    if not (args.data / "train.tsv").exists():
        print(f"no training data in {args.data}", file=sys.stderr)
        return 2
    stored = json.loads(CANDIDATES_PATH.read_text()) if CANDIDATES_PATH.exists() else None
    frozen = _frozen_encoder(stored)

    splits = data.debate_splits(args.data)
    splits.update(data.news_splits())
    print(", ".join(f"{k} {len(v)} ({sum(data.labels(v))} yes)" for k, v in splits.items()))
    if args.reuse_frozen and stored:
        frozen_names = [name for name, *_rest in CANDIDATES]
        heads = {k: stored["heads"][k] for k in frozen_names}
        chosen = {k: stored["selection"][k] for k in frozen_names}
        ngram_selection = stored["selection"]["ngram"]
    else:
        ngram_selection = ngram.train(splits)
        encoder = data.bare_encoder(encoder_path=frozen)
        trained = [k for k in splits if not k.startswith(("test", "news_test"))]
        everything = data.embeddings(encoder, [r.text for k in trained for r in splits[k]])
        emb, begin = {}, 0
        for k in trained:
            emb[k], begin = everything[begin : begin + len(splits[k])], begin + len(splits[k])
        heads, chosen = train_heads(splits, emb, ngram_selection)
    encoders = {name: _relative(frozen) for name in heads}
    if not args.no_finetune:
        tuned_path = args.work_dir / "heads.json"
        if args.reuse_finetune and tuned_path.exists():
            tuned = json.loads(tuned_path.read_text())
        else:
            tuned = finetune.run(splits, args, ngram_selection)
        for name, head in (tuned or {}).items():
            heads[name] = head
            chosen[name] = head["selection"]
            encoders[name] = _relative(args.work_dir / ENCODER_PATH.name)
    chosen["ngram"] = ngram_selection
    ship = max(chosen, key=lambda k: chosen[k]["selection"])
    print("selection scores: " + ", ".join(f"{k} {v['selection']:.3f}" for k, v in chosen.items()))
    if ship == "ngram":
        # The n-gram model ships alone: without a head file the encoder is not loaded.
        HEAD_PATH.unlink(missing_ok=True)
    else:
        HEAD_PATH.write_text(json.dumps(heads[ship], separators=(",", ":")) + "\n")
        shutil.copyfile(ROOT / encoders[ship], ENCODER_PATH)
    print(f"shipped: {ship}")
    CANDIDATES_PATH.write_text(
        json.dumps(
            {"shipped": ship, "selection": chosen, "heads": heads, "encoders": encoders}, indent=1
        )
        + "\n"
    )
    if args.no_eval:
        return 0
    import checkworthiness_eval

    return checkworthiness_eval.main([])


if __name__ == "__main__":
    raise SystemExit(main())
