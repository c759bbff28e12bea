"""Trains the shipped second-opinion selector (word_selector.py) on every fold's dialogue rows, to
predict where the pair (the fine-tuned network with the fast model, p ~ net^0.5 * fast^0.5) would
change the fast model's label, and writes it for SecondOpinionSelector (models/meaning) with
reference readings for its parity test. Needs no labels beyond those the two models were trained
on: the target is the two models' disagreement on rows neither was trained on (pair.py's
out-of-fold readings).

Usage: python3 ship_selector.py FOLDS.tsv PAIR_DIR OUT_DIR [DEV_DIR]
(FOLDS.tsv and PAIR_DIR as selection.py's; with MeldDev.java's DEV_DIR it also prints the share of
MELD dev each probability line would select)"""
import gzip
import io
import math
import sys

import torch

from selection import LABELS, read
from selection_dev import combined, macro_f1
from word_selector import BUCKETS, WordSelector, argmax

SEED = 0
FORMAT = 1
LINES = (0.3, 0.4, 0.5, 0.6)

# Made-up messages and fast readings [negative, neutral, positive] for the parity test: plain,
# punctuation, capitals, apostrophes, digits, non-ASCII, empty, and a long one.
REFERENCE = [
    ("that is all I need, thanks", [0.20, 0.55, 0.25]),
    ("not right now", [0.48, 0.40, 0.12]),
    ("I have been waiting for an hour and nobody has called me back", [0.57, 0.33, 0.10]),
    ("Really? That seems like a lot.", [0.31, 0.31, 0.38]),
    ("fine, whatever", [0.44, 0.36, 0.20]),
    ("OH MY GOD!!! This is AMAZING!", [0.05, 0.10, 0.85]),
    ("I can't log in and it's the 3rd time today...", [0.62, 0.30, 0.08]),
    ("Ça ne marche pas, désolé", [0.30, 0.60, 0.10]),
    ("", [0.10, 0.80, 0.10]),
    ("ok", [0.15, 0.70, 0.15]),
    ("you people never listen to a word I say and I want to speak to a manager right now, "
     "this is the fourth time I am calling about the same broken router", [0.90, 0.07, 0.03]),
]


def main():
    rows, net, dialogue = read(sys.argv[1], sys.argv[2])
    out = sys.argv[3]
    texts = [rows[i]["text"] for i in dialogue]
    fasts = [rows[i]["fast"] for i in dialogue]
    changes = torch.tensor([float(combined(rows[i]["fast"], net[i]) != argmax(rows[i]["fast"])) for i in dialogue])
    print("%d dialogue rows; the pair changes the fast label on %.1f%%" % (len(dialogue), 100 * changes.mean()))
    selector = WordSelector.fit(texts, fasts, changes, seed=SEED)

    weights = selector.words.weight.detach()
    used = (weights != 0).any(1).nonzero().squeeze(1).tolist()
    # mtime 0: the same selector gives the same bytes, run after run.
    with gzip.GzipFile(out + "/second-opinion-selector.gz", "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8") as f:
        f.write("switchboard-second-opinion-selector\t%d\n" % FORMAT)
        f.write("buckets\t%d\n" % BUCKETS)
        f.write("mean\t%s\n" % "\t".join(repr(float(x)) for x in selector.mean))
        f.write("scale\t%s\n" % "\t".join(repr(float(x)) for x in selector.scale))
        f.write("linear\t%s\t%s\n" % ("\t".join(repr(float(x)) for x in selector.linear.weight.detach()[0]),
                                      repr(float(selector.linear.bias.detach()[0]))))
        f.write("grams\t%d\n" % len(used))
        for b in used:
            f.write("%d\t%s\n" % (b, "\t".join(repr(float(x)) for x in weights[b])))
    with open(out + "/second-opinion-selector-reference.tsv", "w", encoding="utf-8") as f:
        scores = selector.scores([t for t, _ in REFERENCE], [p for _, p in REFERENCE]).tolist()
        for (text, fast), s in zip(REFERENCE, scores):
            f.write("%s\t%s\t%s\t%s\t%.6f\n" % (fast[0], fast[1], fast[2], text, 1 / (1 + math.exp(-s))))
    print("%d grams of %d buckets written" % (len(used), BUCKETS))

    p = torch.sigmoid(selector.scores(texts, fasts))
    print("training rows selected (it has seen them): %s" % ", ".join(
        "%.1f%% at %.1f" % (100 * (p >= line).float().mean(), line) for line in LINES))
    if len(sys.argv) > 4:
        dev = sys.argv[4]
        rows = [line.rstrip("\n").split("\t", 1) for line in open(dev + "/meld-dev.tsv", encoding="utf-8")]
        truth = [LABELS.index(label) for label, _ in rows]
        dev_fast = [[float(x) for x in line.split()] for line in open(dev + "/fast-probs.tsv")]
        dev_net = [[float(x) for x in line.split()] for line in open(dev + "/int8-probs.tsv")]
        p = torch.sigmoid(selector.scores([text for _, text in rows], dev_fast)).tolist()
        fast_alone = macro_f1(truth, [argmax(f) for f in dev_fast])
        print("MELD dev (the shipped fast model and int8 network), fast model alone %.4f:" % fast_alone)
        for line in LINES:
            pred = [combined(f, n) if q >= line else argmax(f) for f, n, q in zip(dev_fast, dev_net, p)]
            m = macro_f1(truth, pred)
            print("  at %.1f: %.1f%% re-scored, macro-F1 %.4f (%+.1f)" % (
                line, 100 * sum(q >= line for q in p) / len(p), m, 100 * (m - fast_alone)))


if __name__ == "__main__":
    main()
