"""seeds.py's networks for one fold beside pair.py's (seed 42 + FOLD) on that fold's held-out
dialogue rows: macro-F1 per set of the network alone, the pair on every row, and the pair on the 15%
of dialogue rows the fast model is least sure of (pair.py's line: the job's rule at the target's
budget).
Usage: python3 seeds_fold.py FOLDS.tsv PAIR_DIR SEEDS_DIR FOLD"""
import glob, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair import DIALOGUE_SETS, argmax, pair, read_rows
from train import macro_f1

folds, pair_dir, seeds_dir, fold = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rows = read_rows(folds)
held = [i for i, r in enumerate(rows) if r["set"] in DIALOGUE_SETS and r["fold"] == fold]


def read(path):
    return {int(l.split("\t")[0]): [float(x) for x in l.split("\t")[1:]] for l in open(path)}


nets = {"seed %d (pair.py)" % (42 + fold): read("%s/fold-%d.tsv" % (pair_dir, fold))}
for path in sorted(glob.glob("%s/fold-%d-seed-*.tsv" % (seeds_dir, fold))):
    nets["seed " + path.rsplit("-", 1)[1][:-4]] = read(path)
# pair.py's line: the fast top probability below which 15% of every fold's dialogue rows fall
tops = sorted(max(r["fast"]) for r in rows if r["set"] in DIALOGUE_SETS and r["fold"] >= 0)
line = tops[int(0.15 * len(tops))]
print("fold %d: %d held-out dialogue rows; the 15%% least sure are below %.4f" % (fold, len(held), line))


def report(what, choose):
    parts = []
    for s in DIALOGUE_SETS:
        idx = [i for i in held if rows[i]["set"] == s]
        parts.append("%s %.4f" % (s, macro_f1([rows[i]["label"] for i in idx], [argmax(choose(i)) for i in idx])))
    print("  %-40s %s" % (what, "  ".join(parts)))


report("fast model alone", lambda i: rows[i]["fast"])
for name, net in nets.items():
    report(name + ", alone", lambda i: net[i])
    report(name + ", pair on every row", lambda i: pair(rows[i]["fast"], net[i], 0.5))
    report(name + ", pair on the 15% least sure",
           lambda i: pair(rows[i]["fast"], net[i], 0.5) if max(rows[i]["fast"]) < line else rows[i]["fast"])
