"""Rebuild the n-gram check-worthiness model (the fallback): ``checkworthiness_model.json``.

Called by ``bench/train_checkworthiness.py``. A logistic regression over the features of
``annotations.splitting.checkworthiness_ngram.features``; the regularisation, the class weight,
the narration damping and the threshold are chosen on the ``held`` debates, then the model is
refitted on ``fit``, ``held`` and ``dev`` (debates only; see ``checkworthiness_data``).
"""

from __future__ import annotations

import json
import time

import checkworthiness_data as data

from annotations.splitting.checkworthiness_cues import cues
from annotations.splitting.checkworthiness_ngram import (
    MODEL_PATH,
    features,
    is_narration,
    load_model,
    ngram_probability,
)


def matrix(rows, vec=None, min_count: int = 2):
    """Return the rows' sparse feature matrix and its vectoriser (fitted here when None)."""
    from sklearn.feature_extraction import DictVectorizer

    feats = [dict.fromkeys(features(r.text), 1) for r in rows]
    if vec is None:
        counts: dict[str, int] = {}
        for f in feats:
            for key in f:
                counts[key] = counts.get(key, 0) + 1
        feats = [{k: 1 for k in f if counts[k] >= min_count} for f in feats]
        vec = DictVectorizer()
        return vec.fit_transform(feats), vec
    return vec.transform(feats), vec


def probabilities(train_rows, rows, settings: dict):
    """Fit the n-gram model with the chosen settings on train_rows; score rows as shipped."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x, vec = matrix(train_rows)
    clf = LogisticRegression(C=settings["C"], class_weight=settings["class_weight"], max_iter=3000)
    clf.fit(x, data.labels(train_rows))
    raw = clf.predict_proba(matrix(rows, vec)[0])[:, 1]
    damp = np.asarray([settings["factor"] if is_narration(cues(r.text)) else 1.0 for r in rows])
    return raw * damp


def out_of_fold(rows, groups, settings: dict):
    """Return n-gram probabilities for rows, each from a model fitted without its fold."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(rows))
    for train_idx, test_idx in GroupKFold(n_splits=5).split(rows, groups=groups):
        picked = probabilities([rows[i] for i in train_idx], [rows[i] for i in test_idx], settings)
        out[test_idx] = picked
    return out


def train(splits: dict, min_count: int = 2, min_weight: float = 0.01) -> dict:
    """Choose, fit and write the n-gram model; return its settings and selection figures."""
    from sklearn.linear_model import LogisticRegression

    fit, held = splits["fit"], splits["held"]
    xfit, vec = matrix(fit)
    xheld, _ = matrix(held, vec)
    best = None
    for c in (0.1, 0.3, 1.0):
        for weight in (None, "balanced"):
            clf = LogisticRegression(C=c, class_weight=weight, max_iter=3000)
            clf.fit(xfit, data.labels(fit))
            raw = clf.predict_proba(xheld)[:, 1]
            narration = [is_narration(cues(r.text)) for r in held]
            # Story-telling is rare in debates and common in news: damp sentences with no
            # checkable detail as much as costs at most 0.01 F1 on the held-out debates.
            options = []
            for factor in (1.0, 0.8, 0.6, 0.5):
                damped = [p * factor if n else p for p, n in zip(raw, narration, strict=True)]
                options.append((factor, *data.best_threshold(damped, data.labels(held))))
            top = max(f1 for *_x, f1 in options)
            factor, t, f1 = min((o for o in options if o[2] >= top - 0.01), key=lambda o: o[0])
            print(f"  ngram C={c:<4} class_weight={weight!s:<8} factor {factor} held F1 {f1:.3f}")
            if best is None or f1 > best[0]:
                best = (f1, c, weight, t, factor)
    held_f1, c, weight, t, factor = best

    final = fit + held + splits["dev"]
    xall, vec = matrix(final)
    clf = LogisticRegression(C=c, class_weight=weight, max_iter=3000).fit(xall, data.labels(final))
    weights = sorted(
        (str(n), round(float(w), 4))
        for n, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= min_weight
    )
    model = {
        "about": "check-worthiness n-gram logistic regression; rebuilt by "
        "bench/train_checkworthiness.py",
        "data": "CheckThat! 2024 task 1 English (ClaimBuster sentences): train + dev",
        "trained": time.strftime("%Y-%m-%d"),
        "C": c,
        "class_weight": weight,
        "threshold": t,
        "narration_factor": factor,
        "held_out_f1": round(held_f1, 4),
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": weights,
    }
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB, {len(weights)} weights)")

    # The news tune split is scored by the final model: it was never part of its training.
    shipped = load_model.__wrapped__(str(MODEL_PATH))
    tune = splits["news_tune"]
    probs = [ngram_probability(r.text, cues(r.text), shipped) for r in tune]
    auc = data.roc_auc(probs, data.labels(tune))
    pk = data.precision_at_k(probs, tune)[0]
    return {
        "selection": data.selection_score(held_f1, auc, pk),
        "C": c,
        "class_weight": weight,
        "factor": factor,
        "held_f1": held_f1,
        "tune_auc": auc,
        "tune_pk": pk,
    }
