"""The selector that reads the words (word_selector.py), trained on every fold's dialogue rows to
predict where the pair would change the fast model's label, and judged on MELD dev (held out from
both models and from the selector) with the shipped fast model and the shipped int8 network, beside
the job's rule (the fast model's top probability) at the same shares of rows.

Usage: python3 selection_dev.py FOLDS.tsv PAIR_DIR DEV_DIR
(FOLDS.tsv and PAIR_DIR as selection.py's; DEV_DIR MeldDev.java's OUT_DIR)"""
import math
import sys

import torch

from selection import LABELS, argmax, read
from word_selector import WordSelector

SHARES = (0.10, 0.15)


def combined(fast, net, w=0.5):
    return argmax([w * math.log(max(net[c], 1e-9)) + (1 - w) * math.log(max(fast[c], 1e-9)) for c in range(3)])


def read_dev(dev_dir):
    """MeldDev.java's MELD dev readings: texts, gold label indices, the shipped fast model's and the
    shipped int8 network's probabilities [negative, neutral, positive], one per row."""
    dev = [line.rstrip("\n").split("\t", 1) for line in open(dev_dir + "/meld-dev.tsv", encoding="utf-8")]
    fast = [[float(x) for x in line.split()] for line in open(dev_dir + "/fast-probs.tsv")]
    net = [[float(x) for x in line.split()] for line in open(dev_dir + "/int8-probs.tsv")]
    return [text for _, text in dev], [LABELS.index(label) for label, _ in dev], fast, net


def macro_f1(truth, pred):
    total = 0.0
    for c in range(3):
        tp = sum(1 for t, p in zip(truth, pred) if p == c == t)
        fp = sum(1 for t, p in zip(truth, pred) if p == c != t)
        fn = sum(1 for t, p in zip(truth, pred) if p != c == t)
        total += 0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return total / 3


def main():
    rows, net, dialogue = read(sys.argv[1], sys.argv[2])
    texts = [rows[i]["text"] for i in dialogue]
    fasts = [rows[i]["fast"] for i in dialogue]
    changes = torch.tensor([float(combined(rows[i]["fast"], net[i]) != argmax(rows[i]["fast"])) for i in dialogue])

    dev_dir = sys.argv[3]
    dev_texts, truth, dev_fast, dev_net = read_dev(dev_dir)
    fast_alone = macro_f1(truth, [argmax(f) for f in dev_fast])
    print("MELD dev, %d rows: fast model alone %.4f, network alone %.4f, pair on every row %.4f" % (
        len(truth), fast_alone, macro_f1(truth, [argmax(n) for n in dev_net]),
        macro_f1(truth, [combined(f, n) for f, n in zip(dev_fast, dev_net)])))

    def report(what, selected):
        pred = [combined(f, n) if s else argmax(f) for f, n, s in zip(dev_fast, dev_net, selected)]
        m = macro_f1(truth, pred)
        print("  %-58s %5.1f%% re-scored  macro-F1 %.4f  %+.1f" % (what, 100 * sum(selected) / len(truth), m,
                                                                   100 * (m - fast_alone)), flush=True)

    def top(values, share):
        line = sorted(values, reverse=True)[int(share * len(values))]
        return [v > line for v in values]

    for share in SHARES:
        report("the job's rule, the %.0f%% least sure" % (100 * share), top([-max(f) for f in dev_fast], share))
    for seed in (0, 1, 2):
        selector = WordSelector.fit(texts, fasts, changes, seed=seed)
        trained = selector.scores(texts, fasts).tolist()
        scores = selector.scores(dev_texts, dev_fast).tolist()
        for share in SHARES:
            report("words, seed %d, the top %.0f%% of dev" % (seed, 100 * share), top(scores, share))
            line = sorted(trained, reverse=True)[int(share * len(trained))]
            report("words, seed %d, the line of the training rows' top %.0f%%" % (seed, 100 * share),
                   [s > line for s in scores])


if __name__ == "__main__":
    main()
