"""Install Argos packages into a LibreTranslate data folder, offline. Run by the
LibreTranslate virtualenv's Python (it imports that venv's argostranslate and onnx):

    .venv-libretranslate/bin/python tests/support/lt_prepare.py PACKAGE.argosmodel...

with ``ARGOS_PACKAGES_DIR`` (and ``HOME``) pointed at the server's folder.

Each installed package also gets ``minisbd/<from>.onnx``: a tiny sentence splitter that ends
a sentence at ``.``, ``!`` or ``?``. Without one, LibreTranslate's first translation makes
MiniSBD download a model, which fails offline (HTTP 500).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# MiniSBD's classes per character: 0 inside a token, 1 ends a token, 2 ends a sentence.
SENTENCE_ENDS = (".", "!", "?")


def sentence_splitter(path: Path, language: str) -> None:
    """Write an ONNX graph mapping character ids to one-hot classes: every character is a
    token of its own, and the sentence-ending ones also end a sentence."""
    import onnx
    from onnx import TensorProto, helper

    units = ["<PAD>", "<UNK>", *SENTENCE_ENDS]
    vocab = {
        "lang": language,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {unit: i for i, unit in enumerate(units)},
        "_id2unit": units,
    }
    first, last = 2, 2 + len(SENTENCE_ENDS) - 1
    nodes = [
        helper.make_node(
            "Constant", [], ["first"], value=helper.make_tensor("f", TensorProto.INT64, [], [first])
        ),
        helper.make_node(
            "Constant", [], ["last"], value=helper.make_tensor("l", TensorProto.INT64, [], [last])
        ),
        helper.make_node("Constant", [], ["one"], value=helper.make_tensor("o", TensorProto.INT64, [], [1])),
        helper.make_node(
            "Constant", [], ["depth"], value=helper.make_tensor("d", TensorProto.INT64, [], [5])
        ),
        helper.make_node(
            "Constant", [], ["values"], value=helper.make_tensor("v", TensorProto.FLOAT, [2], [0, 1])
        ),
        helper.make_node("GreaterOrEqual", ["units", "first"], ["from_first"]),
        helper.make_node("LessOrEqual", ["units", "last"], ["to_last"]),
        helper.make_node("And", ["from_first", "to_last"], ["ends"]),
        helper.make_node("Cast", ["ends"], ["ends_int"], to=TensorProto.INT64),
        helper.make_node("Add", ["ends_int", "one"], ["label"]),
        helper.make_node("OneHot", ["label", "depth", "values"], ["logits"], axis=-1),
    ]
    graph = helper.make_graph(
        nodes,
        "sentence_ends",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "length", None]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "length", 5])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    for key, value in {
        "lang_code": language,
        "config": json.dumps({"max_seqlen": 1000, "feat_funcs": [], "batch_size": 32}),
        "vocab": json.dumps(vocab),
    }.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def main(files: list[str]) -> None:
    from argostranslate import package

    for file in files:
        package.install_from_path(Path(file))
    for installed in package.get_installed_packages():
        sentence_splitter(
            Path(installed.package_path) / "minisbd" / f"{installed.from_code}.onnx", installed.from_code
        )
        print(installed.package_path)


if __name__ == "__main__":
    main(sys.argv[1:])
