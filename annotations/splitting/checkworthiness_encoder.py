"""The sentence encoder behind the check-worthiness scorer: int8 MiniLM run by onnxruntime.

The encoder (``checkworthiness_encoder.onnx``, all-MiniLM-L6-v2 fine-tuned on CheckThat!
debates by ``bench/finetune_checkworthiness.py`` and quantised to int8 with fixed activation
scales, Apache-2.0) and its tokenizer travel with the package. A sentence's embedding has the
same bits alone and in any batch (``bench/checkworthiness_export.py`` says how), so ``embed``
runs sentences of similar length together. The head on top (logistic regression over the
embedding and the cues) is in ``checkworthiness_head.json``;
``bench/train_checkworthiness.py`` chooses and writes both. Everything loads lazily, once
per process, under a lock; ``load_encoder`` returns ``None`` when a file or a runtime package
is missing, and the caller falls back to the n-gram model.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from pathlib import Path
from typing import Any

__all__ = ["ENCODER_PATH", "HEAD_PATH", "MAX_TOKENS", "TOKENIZER_PATH", "Encoder", "load_encoder"]

_HERE = Path(__file__).parent
ENCODER_PATH = _HERE / "checkworthiness_encoder.onnx"
TOKENIZER_PATH = _HERE / "checkworthiness_tokenizer.json"
HEAD_PATH = _HERE / "checkworthiness_head.json"
# Sentences worth checking are short; 64 word pieces cover almost all and keep long ones cheap.
MAX_TOKENS = 64
# A sentence joins a batch while the padding it adds stays under this many word pieces: a run
# costs about as much as 16 word pieces, padding 64 short sentences to one long one far more.
PADDING_BUDGET = 16

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


class Encoder:
    """Turn sentences into normalised MiniLM embeddings and score them with a trained head."""

    def __init__(self, session: Any, tokenizer: Any, head: dict) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.head = head

    def embed(self, sentences: list[str]) -> Any:
        """Return one 384-number embedding per sentence (a numpy array)."""
        import numpy as np

        encodings = self.tokenizer.encode_batch([s or "." for s in sentences])
        out: list[Any] = [None] * len(encodings)
        for batch in batches([len(e.ids) for e in encodings]):
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(encodings[i].ids)] = encodings[i].ids
                mask[row, : len(encodings[i].ids)] = 1
            vectors = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, i in enumerate(batch):
                out[i] = vectors[row]
        return np.stack(out)

    def probability(self, embedding: Any, extra: list[float]) -> float:
        """Return the head's probability for one embedding and its other inputs (cues ...)."""
        head = self.head
        total = head["bias"] + float(embedding @ head["_embedding_weights"])
        total += sum(w * v for w, v in zip(head["cue_weights"], extra, strict=True))
        return 1.0 / (1.0 + math.exp(-total)) if total > -30 else 0.0


def batches(lengths: list[int]) -> list[list[int]]:
    """Group sentence indices (by their word-piece counts) into batches with little padding."""
    out: list[list[int]] = []
    tokens = 0
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        # Sorted by length: the sentence joining a batch is its widest.
        if out and lengths[i] * (len(out[-1]) + 1) - tokens - lengths[i] <= PADDING_BUDGET:
            out[-1].append(i)
            tokens += lengths[i]
        else:
            out.append([i])
            tokens = lengths[i]
    return out


def _build(encoder_path: Path, tokenizer_path: Path, head_path: Path) -> Encoder | None:
    try:
        import numpy as np
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        log.info("check-worthiness falls back to the n-gram model: %s", exc)
        return None
    if not (encoder_path.exists() and tokenizer_path.exists() and head_path.exists()):
        log.info("check-worthiness falls back to the n-gram model: no encoder files")
        return None
    options = onnxruntime.SessionOptions()
    # One request scores one article; more threads would fight the web workers for cores.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(encoder_path), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    head = json.loads(head_path.read_text(encoding="utf-8"))
    head["_embedding_weights"] = np.asarray(head["embedding_weights"], dtype=np.float32)
    return Encoder(session, tokenizer, head)


def load_encoder(
    encoder_path: Path = ENCODER_PATH,
    tokenizer_path: Path = TOKENIZER_PATH,
    head_path: Path = HEAD_PATH,
) -> Encoder | None:
    """Return the shared encoder, loading it on first use, or None when it cannot run here."""
    key = f"{encoder_path}|{tokenizer_path}|{head_path}"
    if key in _loaded:
        return _loaded[key]
    with _lock:
        if key not in _loaded:
            _loaded[key] = _build(encoder_path, tokenizer_path, head_path)
    return _loaded[key]
