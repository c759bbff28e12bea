"""Seeds of the fine-tuned network (seeds.py), their mean and soups (soup.py), each alone, with the
fast model on every row, and where the shipped selector (ship_selector.py's fit, seed 0) or the
job's rule asks, on MELD dev; with a 95% interval of each gain over the fast model from 500
bootstrap draws of MELD dev's dialogues (paired: both read the same draw).
Usage: python3 seeds_dev.py FOLDS.tsv PAIR_DIR DEV_DIR SEEDS_DIR MELD_DEV_CSV [FP32_SEED42_PROBS]
(DEV_DIR: MeldDev.java's, with the shipped int8 network's probabilities; SEEDS_DIR: seeds.py's
seed-S.tsv and soup.py's soup-dev*.tsv; FP32_SEED42_PROBS: meld_dev.py's fp32-probs.tsv)"""
import csv, os, random, sys, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selection import read
from selection_dev import combined, macro_f1, read_dev
from word_selector import WordSelector, argmax

folds, pair_dir, dev_dir, seeds_dir, dev_csv = sys.argv[1:6]
rows, net, dialogue = read(folds, pair_dir)
texts = [rows[i]["text"] for i in dialogue]
fasts = [rows[i]["fast"] for i in dialogue]
changes = torch.tensor([float(combined(rows[i]["fast"], net[i]) != argmax(rows[i]["fast"])) for i in dialogue])
selector = WordSelector.fit(texts, fasts, changes, seed=0)

texts, truth, fast, int8 = read_dev(dev_dir)
dialogues = [r["Dialogue_ID"] for r in csv.DictReader(open(dev_csv, encoding="utf-8"))]
assert len(dialogues) == len(texts), (len(dialogues), len(texts))

def probs(path, index=False):
    out = []
    for l in open(path):
        parts = l.split()
        out.append([float(x) for x in (parts[1:] if index else parts)])
    return out

nets = {"seed 42 (shipped, int8)": int8}
if len(sys.argv) > 6:
    nets["seed 42 fp32"] = probs(sys.argv[6])
import glob, os
for path in sorted(glob.glob(seeds_dir + "/seed-*.tsv")):
    nets[os.path.basename(path)[:-4] + " fp32"] = probs(path, True)
members = [k for k in nets if k.startswith("seed-")]
for path in sorted(glob.glob(seeds_dir + "/soup-dev*.tsv")):
    nets[os.path.basename(path)[:-4]] = probs(path, True)
def mean(ps): return [sum(p[c] for p in ps) / len(ps) for c in range(3)]
if len(members) > 1:
    nets["mean of %s" % members] = [mean([nets[k][i] for k in members]) for i in range(len(texts))]

sel = torch.sigmoid(selector.scores(texts, fast)).tolist()
fast_pred = [argmax(f) for f in fast]
base = macro_f1(truth, fast_pred)
by_dialogue = {}
for i, d in enumerate(dialogues):
    by_dialogue.setdefault(d, []).append(i)
keys = sorted(by_dialogue)
rng = random.Random(0)
samples = [[i for _ in keys for i in by_dialogue[rng.choice(keys)]] for _ in range(500)]

def gain(pred):
    g = [macro_f1([truth[i] for i in s], [pred[i] for i in s]) - macro_f1([truth[i] for i in s], [fast_pred[i] for i in s]) for s in samples]
    g.sort()
    return g[12], g[-13]

print("MELD dev %d rows, %d dialogues; fast alone %.4f" % (len(texts), len(keys), base))
lines = [("alone", None), ("pair every row", lambda i: True), ("selector >= 0.3", lambda i: sel[i] >= 0.3),
         ("selector >= 0.5", lambda i: sel[i] >= 0.5),
         ("selector top 15%", lambda i: sel[i] >= sorted(sel, reverse=True)[int(0.15 * len(sel))]),
         ("least sure 15%", lambda i: max(fast[i]) <= sorted(max(f) for f in fast)[int(0.15 * len(fast))])]
for name, n in nets.items():
    print(name)
    for what, chosen in lines:
        if chosen is None:
            pred = [argmax(p) for p in n]
            share = 1.0
        else:
            pred = [combined(fast[i], n[i]) if chosen(i) else fast_pred[i] for i in range(len(texts))]
            share = sum(1 for i in range(len(texts)) if chosen(i)) / len(texts)
        m = macro_f1(truth, pred)
        lo, hi = gain(pred)
        print("  %-18s %5.1f%%  %.4f  %+.1f  (95%% over dialogues %+.1f to %+.1f)" % (what, 100 * share, m, 100 * (m - base), 100 * lo, 100 * hi), flush=True)
