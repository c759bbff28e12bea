"""ship.py's training with another seed: without FOLD on every dialogue row, writing OUT_DIR/seed-S.pt
(the weights, for soup.py) and seed-S.tsv (the fp32 network's probabilities for MELD dev's rows as
MeldDev.java wrote them); with FOLD on the other folds' dialogue rows, as pair.py trains that fold,
writing fold-K-seed-S.pt and .tsv (the held-out rows' probabilities, numbered as pair.py numbers
them). How much the seed alone moves the network (docs/models.md, "Seeds, and a soup of them").
Usage: python3 seeds.py FP32.onnx TOKENIZER.json FOLDS.tsv DEV_DIR OUT_DIR SEED [FOLD]"""
import os, sys, time, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair import DIALOGUE_SETS, fine_tune, read_rows, predict
from wordpiece import WordPiece
torch.set_num_threads(2)
fp32, tokp, folds, dev_dir, out, seed = sys.argv[1:7]
seed = int(seed)
fold = int(sys.argv[7]) if len(sys.argv) > 7 else None
os.makedirs(out, exist_ok=True)
tok = WordPiece(tokp)
rows = read_rows(folds)
train = [(tok.ids(r["text"]), r["label"], r["weight"]) for r in rows
         if r["set"] in DIALOGUE_SETS and (fold is None or r["fold"] not in (fold, -1))]
print("seed %d fold %s: training on %d rows" % (seed, fold, len(train)), flush=True)
t = time.time()
model, head = fine_tune(fp32, tok, train, 0, 1, seed=seed)
print("trained in %.0f s" % (time.time() - t), flush=True)
tag = "seed-%d" % seed if fold is None else "fold-%d-seed-%d" % (fold, seed)
torch.save({"params": {k: p.detach() for k, p in model.params.items()}, "head": head.state_dict()},
           os.path.join(out, tag + ".pt"))
if fold is None:
    dev = [l.rstrip("\n").split("\t", 1) for l in open(dev_dir + "/meld-dev.tsv", encoding="utf-8")]
    p = predict(model, head, [(i, tok.ids(t)) for i, (_, t) in enumerate(dev)])
else:
    p = predict(model, head, [(i, tok.ids(r["text"])) for i, r in enumerate(rows)
                              if r["set"] in DIALOGUE_SETS and r["fold"] == fold])
with open(os.path.join(out, tag + ".tsv"), "w") as f:
    for i in sorted(p):
        f.write("%d\t%s\n" % (i, "\t".join("%.6f" % x for x in p[i])))
print("wrote", tag, "in %.0f s" % (time.time() - t), flush=True)
