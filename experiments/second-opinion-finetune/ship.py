"""Trains the fine-tuned second opinion pair.py judges, on every dialogue row of the fast model's
recipe (the same settings: every layer but the embeddings, one epoch, the recipe's weights, seed
42), and writes what the job would serve: the network in LangChain4j's int8 graph (quantize.py),
its three-label head, and the fp32 network's probabilities for a few fixed sentences, for a parity
test on the serving side.

Usage: python3 ship.py FP32.onnx INT8.onnx TOKENIZER.json FOLDS.tsv OUT_DIR [ROWS (all)]
  OUT_DIR/second-opinion-q.onnx   the int8 network (its output: every token's hidden state; CLS first)
  OUT_DIR/head.tsv                three lines (negative, neutral, positive): bias, then 384 weights
                                  over the CLS vector as the network gives it (not normalised)
  OUT_DIR/sentiment.head.gz       the same head in the job's format (head.py)
  OUT_DIR/reference.tsv           sentence, then its three probabilities from the fp32 network

The job ships the network as models/src/main/resources/dev/switchboard/models/meaning/
bge-small-en-v1.5-dialogue-q.onnx, the head as .../models/sentiment/sentiment.head.gz and the
reference as models/src/test/resources/dev/switchboard/models/meaning/second-opinion-reference.tsv
(SentimentSecondOpinionTest holds the served probabilities to it)."""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import head as head_file
from pair import DIALOGUE_SETS, fine_tune, read_rows
from quantize import quantized
from train import cls
from wordpiece import WordPiece

# SentenceEmbedder.BGE_SMALL_EN_V15_DIALOGUE_Q's name: the head reads that network's vectors only.
EMBEDDER = "bge-small-en-v1.5-dialogue-q"

REFERENCE = [
    "that is all I need, thanks",
    "not right now",
    "I have been waiting for an hour and nobody has called me back",
    "fine, whatever",
    "Really? That seems like a lot.",
    "this is the third time I am asking",
    "great, that worked perfectly",
    "can you check my order number 4411",
]


def main():
    fp32_path, int8_path, tokenizer_path, folds_path, out_dir = sys.argv[1:6]
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else None
    torch.set_num_threads(2)
    os.makedirs(out_dir, exist_ok=True)
    tok = WordPiece(tokenizer_path)
    rows = [r for r in read_rows(folds_path) if r["set"] in DIALOGUE_SETS]
    train = [(tok.ids(r["text"]), r["label"], r["weight"]) for r in rows[:limit]]
    print("training on %d rows" % len(train), flush=True)
    model, head = fine_tune(fp32_path, tok, train, 0, 1, seed=42)

    trained = {name: model.params[key].detach().numpy() for name, key in model.names.items() if key in model.params}
    int8 = onnx.load(int8_path)
    weights = quantized(int8, trained)
    for init in int8.graph.initializer:
        if init.name in weights:
            init.CopyFrom(numpy_helper.from_array(weights[init.name], init.name))
    onnx.save(int8, os.path.join(out_dir, "second-opinion-q.onnx"))

    w = head.weight.detach().numpy()
    b = head.bias.detach().numpy()
    with open(os.path.join(out_dir, "head.tsv"), "w") as f:
        for label in range(3):
            f.write("\t".join("%.8g" % x for x in np.concatenate([[b[label]], w[label]])) + "\n")
    # From the text form, so that head.py on head.tsv gives the same bytes.
    head_file.write(os.path.join(out_dir, "sentiment.head.gz"), EMBEDDER, *head_file.read_tsv(os.path.join(out_dir, "head.tsv")))

    with open(os.path.join(out_dir, "reference.tsv"), "w") as f:
        for sentence in REFERENCE:
            ids = torch.tensor([tok.ids(sentence)])
            with torch.no_grad():
                p = torch.softmax(head(cls(model, ids, torch.ones_like(ids))), dim=1)[0].tolist()
            f.write("%s\t%s\n" % (sentence, "\t".join("%.6f" % x for x in p)))
    print("wrote", out_dir, flush=True)


if __name__ == "__main__":
    main()
