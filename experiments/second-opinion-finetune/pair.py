"""Judges a fine-tuned bge-small as the second opinion beside the fast model, on the fast model's own
folds (issue 20's target: conversations' macro-F1 3 points above the fast model alone with at most
15% of messages re-scored).

`switchboard model train ... --cross-validate 5 --seeds 42 --held-out-out FOLDS.tsv` writes every row
of the fast model's recipe with its fold, training weight and out-of-fold fast probabilities. For each
fold this script fine-tunes the network (every layer but the embeddings, one epoch, as the spike in
train.py) on the other folds' dialogue rows, weighted as the recipe weights them, and writes its
probabilities for the held-out dialogue rows to OUT_DIR/fold-K.tsv (a fold already written is kept, so
a stopped run resumes). With every fold written it prints, per dialogue set, macro-F1 of the fast
model, of the network alone, and of the pair p ~ net^w * fast^(1-w) where the fast model's top
probability is below a threshold or the turn is decisive, with the share of rows re-scored.

DOUBT_STRENGTH (0: off) weights each training row up by the fast model's doubt on it, 1 + strength *
(1 - its out-of-fold top probability), so the network learns most where it will be asked (tried at 3
on the first fold, docs/models.md: no gain). CONTEXT_PIECES (0: off) reads each turn with the turn
before it in its dialogue, [CLS] turn [SEP] previous turn [SEP], the previous turn cut to that many
word pieces (tried at 32 on the first fold: no gain).

Usage: python3 pair.py MODEL.onnx TOKENIZER.json FOLDS.tsv OUT_DIR [FIRST_LAYER_TRAINED (0)] [EPOCHS (1)]
       [DOUBT_STRENGTH (0)] [CONTEXT_PIECES (0)]"""
import csv
import math
import os
import random
import sys
import time

import torch

from onnx_torch import OnnxModule
from train import BATCH, batches, cls, layer_of, macro_f1, tensors
from wordpiece import WordPiece

LABELS = ["negative", "neutral", "positive"]
DIALOGUE_SETS = ("meld-train", "dailydialog")
THRESHOLDS = (0.5, 0.55, 0.6)
WEIGHTS = (0.5, 0.7, 1.0)


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            {
                "fold": int(r["fold"]),
                "set": r["set"],
                "label": LABELS.index(r["label"]),
                "weight": float(r["weight"]),
                "fast": [float(r["p_" + l]) for l in LABELS] if r["fold"] != "-1" else None,
                "decisive": r["decisive"] == "1",
                "text": r["text"],
                "dialogue": r["dialogue"],
            }
            for r in reader
        ]


def fine_tune(model_path, tok, train, first_layer, epochs, seed):
    torch.manual_seed(seed)
    random.seed(seed)
    model = OnnxModule(model_path)
    layers = layer_of(model)
    for k, p in model.params.items():
        p.requires_grad = layers[k] >= first_layer
    trainable = [p for k, p in model.params.items() if layers[k] >= first_layer]
    head = torch.nn.Linear(384, 3)
    opt = torch.optim.AdamW(
        [{"params": trainable, "lr": 5e-5}, {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = epochs * ((len(train) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps))
    # the recipe's weights, scaled to a mean of 1 so the learning rate means what it did in the spike
    mean = sum(w for _, _, w in train) / len(train)
    items = [(ids, (y, w / mean)) for ids, y, w in train]
    t = time.time()
    model.train()
    for epoch in range(epochs):
        for n, b in enumerate(batches(items, BATCH, True)):
            ids, mask, _ = tensors([(x, 0) for x, _ in b])
            y = torch.tensor([yw[0] for _, yw in b])
            w = torch.tensor([yw[1] for _, yw in b])
            loss = (torch.nn.functional.cross_entropy(head(cls(model, ids, mask)), y, reduction="none") * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if n % 100 == 0:
                print("  epoch %d batch %d loss %.3f %.0f s" % (epoch, n, loss.item(), time.time() - t), flush=True)
    model.eval()
    return model, head


def predict(model, head, rows):
    out = {}
    indexed = [(ids, i) for i, ids in rows]
    for b in batches(indexed, 64, False):
        ids, mask, idx = tensors(b)
        with torch.no_grad():
            p = torch.softmax(head(cls(model, ids, mask)), dim=1)
        for i, q in zip(idx.tolist(), p.tolist()):
            out[i] = q
    return out


def pair(fast, net, w):
    logs = [w * math.log(max(n, 1e-12)) + (1 - w) * math.log(max(f, 1e-12)) for n, f in zip(net, fast)]
    top = max(logs)
    e = [math.exp(x - top) for x in logs]
    return [x / sum(e) for x in e]


def argmax(p):
    return max(range(len(p)), key=lambda i: p[i])


def report(rows, net):
    dialogue = [i for i, r in enumerate(rows) if r["set"] in DIALOGUE_SETS]
    print("rows: %s" % {s: sum(1 for i in dialogue if rows[i]["set"] == s) for s in DIALOGUE_SETS})

    def line(what, choose, selected=None):
        parts = []
        for s in DIALOGUE_SETS + (None,):
            idx = [i for i in dialogue if s is None or rows[i]["set"] == s]
            gold = [rows[i]["label"] for i in idx]
            f1 = macro_f1(gold, [argmax(choose(i)) for i in idx])
            share = "" if selected is None else " (%.1f%%)" % (100 * sum(1 for i in idx if selected(i)) / len(idx))
            parts.append("%s %.4f%s" % (s or "both", f1, share))
        print("  %-34s %s" % (what, "  ".join(parts)), flush=True)

    line("fast model alone", lambda i: rows[i]["fast"])
    line("network alone", lambda i: net[i])
    for w in WEIGHTS:
        line("network and fast, every row, w %.1f" % w, lambda i: pair(rows[i]["fast"], net[i], w))
    # the threshold that re-scores 15% of the dialogue rows (the target's budget), read off the fast
    # model's own confidences, not the labels
    tops = sorted(max(rows[i]["fast"]) for i in dialogue)
    at_budget = tops[int(0.15 * len(tops))]
    print("  top probability below %.4f re-scores 15%% of the dialogue rows" % at_budget)
    for w in WEIGHTS:
        for t in THRESHOLDS + (at_budget,):
            sel = lambda i, t=t: max(rows[i]["fast"]) < t
            line("below %.2f, w %.1f" % (t, w), lambda i, sel=sel: pair(rows[i]["fast"], net[i], w) if sel(i) else rows[i]["fast"], sel)
        sel = lambda i: rows[i]["decisive"]
        line("decisive, w %.1f" % w, lambda i: pair(rows[i]["fast"], net[i], w) if sel(i) else rows[i]["fast"], sel)


def main():
    model_path, tokenizer_path, folds_path, out_dir = sys.argv[1:5]
    first_layer = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    epochs = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    doubt = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
    context = int(sys.argv[8]) if len(sys.argv) > 8 else 0
    torch.set_num_threads(2)
    os.makedirs(out_dir, exist_ok=True)
    rows = read_rows(folds_path)
    tok = WordPiece(tokenizer_path)
    folds = sorted({r["fold"] for r in rows if r["fold"] >= 0})

    def ids(i):
        r = rows[i]
        own = tok.ids(r["text"])
        before = rows[i - 1] if i > 0 else None
        if context and r["dialogue"] and before and (before["set"], before["dialogue"]) == (r["set"], r["dialogue"]):
            return own + tok.ids(before["text"])[1:-1][:context] + [tok.sep]
        return own

    net = {}
    for k in folds:
        path = os.path.join(out_dir, "fold-%d.tsv" % k)
        if not os.path.exists(path):
            train = [(ids(i), r["label"], r["weight"] * (1 + doubt * (1 - max(r["fast"]))))
                     for i, r in enumerate(rows) if r["set"] in DIALOGUE_SETS and r["fold"] not in (k, -1)]
            held = [(i, ids(i)) for i, r in enumerate(rows) if r["set"] in DIALOGUE_SETS and r["fold"] == k]
            print("fold %d: training on %d rows, %d held out" % (k, len(train), len(held)), flush=True)
            t = time.time()
            model, head = fine_tune(model_path, tok, train, first_layer, epochs, seed=42 + k)
            p = predict(model, head, held)
            with open(path + ".part", "w") as f:
                for i in sorted(p):
                    f.write("%d\t%s\n" % (i, "\t".join("%.6f" % x for x in p[i])))
            os.rename(path + ".part", path)
            print("fold %d done in %.0f s" % (k, time.time() - t), flush=True)
        with open(path) as f:
            for line in f:
                i, *p = line.split("\t")
                net[int(i)] = [float(x) for x in p]
    report(rows, net)


if __name__ == "__main__":
    main()
