"""Check-worthiness model loading: lazy, once per process, thread-safe, and optional."""

import sys

from annotations.splitting import checkworthiness_encoder as encoder_module
from annotations.splitting.checkworthiness_encoder import (
    ENCODER_PATH,
    HEAD_PATH,
    TOKENIZER_PATH,
    load_encoder,
)
from tests.helpers import at_once


def test_the_encoder_loads_once_and_is_shared():
    assert load_encoder() is load_encoder()


def test_threads_loading_at_once_build_one_encoder(monkeypatch, tmp_path):
    builds = []
    real = encoder_module._build

    def counted(*paths):
        builds.append(paths)
        return real(*paths)

    monkeypatch.setattr(encoder_module, "_build", counted)
    # A key no test has loaded yet: the same files reached through another path.
    head = tmp_path / "head.json"
    head.write_bytes(HEAD_PATH.read_bytes())
    results = at_once(*[lambda: load_encoder(ENCODER_PATH, TOKENIZER_PATH, head)] * 4)
    assert {kind for kind, _value in results} == {"ok"}
    assert len({id(value) for _kind, value in results}) == 1
    assert len(builds) == 1


def test_missing_model_files_mean_no_encoder(tmp_path):
    assert load_encoder(tmp_path / "missing.onnx", TOKENIZER_PATH, HEAD_PATH) is None
    assert load_encoder(ENCODER_PATH, TOKENIZER_PATH, tmp_path / "missing.json") is None


def test_a_missing_runtime_means_no_encoder(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    head = tmp_path / "head.json"
    head.write_bytes(HEAD_PATH.read_bytes())
    assert load_encoder(ENCODER_PATH, TOKENIZER_PATH, head) is None


def test_embeddings_are_normalised_sentence_vectors():
    import numpy as np

    vectors = load_encoder().embed(["The river rose two metres.", ""])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
