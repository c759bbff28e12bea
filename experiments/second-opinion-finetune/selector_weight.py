"""Where the words selector asks (trained, as the shipped one, to find where the pair p ~ net^0.5 *
fast^0.5 would change the fast label), how much should the network weigh? On the fast model's folds
(selector nested by fold, 15% of the dialogue rows), then on MELD dev with the shipped selector's
fit, fast model and int8 network, for the head weights w 0.5 (the job's), 0.7 and 1.0.
Usage: python3 selector_weight.py FOLDS.tsv PAIR_DIR DEV_DIR"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selection import DIALOGUE_SETS, argmax, macro_f1 as rows_macro_f1, read
from selection_dev import combined, macro_f1, read_dev
from word_selector import WordSelector

WEIGHTS = (0.5, 0.7, 1.0)


rows, net, dialogue = read(sys.argv[1], sys.argv[2])
folds = torch.tensor([rows[i]["fold"] for i in dialogue])
changes = torch.tensor([float(combined(rows[i]["fast"], net[i]) != argmax(rows[i]["fast"])) for i in dialogue])
scores = torch.zeros(len(dialogue))
for k in sorted(set(folds.tolist())):
    train, test = (folds != k).nonzero().squeeze(1), (folds == k).nonzero().squeeze(1)
    selector = WordSelector.fit([rows[dialogue[j]]["text"] for j in train.tolist()],
                                [rows[dialogue[j]]["fast"] for j in train.tolist()], changes[train], seed=k)
    scores[test] = selector.scores([rows[dialogue[j]]["text"] for j in test.tolist()],
                                   [rows[dialogue[j]]["fast"] for j in test.tolist()])
line = sorted(scores.tolist(), reverse=True)[int(0.15 * len(dialogue))]
chosen = {i: scores[k].item() > line for k, i in enumerate(dialogue)}
print("folds, the selector's top 15% of dialogue rows:")
for w in WEIGHTS:
    pred = {i: combined(rows[i]["fast"], net[i], w) if chosen[i] else argmax(rows[i]["fast"]) for i in dialogue}
    print("  w %.1f  %s" % (w, "  ".join("%s %.4f" % (s, rows_macro_f1(rows, [i for i in dialogue if rows[i]["set"] == s], pred))
                                       for s in DIALOGUE_SETS)))

selector = WordSelector.fit([rows[i]["text"] for i in dialogue], [rows[i]["fast"] for i in dialogue], changes, seed=0)
dev_dir = sys.argv[3]
texts, truth, fast, int8 = read_dev(dev_dir)
p = torch.sigmoid(selector.scores(texts, fast)).tolist()
base = macro_f1(truth, [argmax(f) for f in fast])
print("MELD dev, fast model alone %.4f:" % base)
for at in (0.3, 0.5):
    for w in WEIGHTS:
        pred = [combined(f, n, w) if q >= at else argmax(f) for f, n, q in zip(fast, int8, p)]
        m = macro_f1(truth, pred)
        print("  selector at %.1f (%.1f%%), w %.1f: %.4f (%+.1f)" % (at, 100 * sum(q >= at for q in p) / len(p), w, m, 100 * (m - base)))
