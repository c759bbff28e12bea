"""ship.py's training again (every dialogue row, seed 42), then the fp32 network alone on MELD dev as
MeldDev.java wrote its rows, beside the shipped int8 network's figure MeldDev.java prints: what int8
costs on held-out dialogue.

Usage: python3 meld_dev.py FP32.onnx TOKENIZER.json FOLDS.tsv OUT_DIR (MeldDev.java's)"""
import sys, torch

from pair import DIALOGUE_SETS, fine_tune, read_rows, predict, LABELS
from wordpiece import WordPiece
from train import macro_f1
torch.set_num_threads(2)
tok = WordPiece(sys.argv[2])
rows = [r for r in read_rows(sys.argv[3]) if r["set"] in DIALOGUE_SETS]
train = [(tok.ids(r["text"]), r["label"], r["weight"]) for r in rows]
print("training on %d rows" % len(train), flush=True)
model, head = fine_tune(sys.argv[1], tok, train, 0, 1, seed=42)
dev = [l.rstrip('\n').split('\t', 1) for l in open(sys.argv[4] + '/meld-dev.tsv', encoding='utf-8')]
p = predict(model, head, [(i, tok.ids(t)) for i, (_, t) in enumerate(dev)])
truth = [LABELS.index(l) for l, _ in dev]
pred = [max(range(3), key=lambda c: p[i][c]) for i in range(len(dev))]
with open(sys.argv[4] + '/fp32-probs.tsv', 'w') as f:
    for i in range(len(dev)):
        f.write('\t'.join('%.6f' % x for x in p[i]) + '\n')
print("fp32 network alone on MELD dev: rows %d accuracy %.4f macro-F1 %.4f" % (len(dev), sum(a == b for a, b in zip(truth, pred)) / len(dev), macro_f1(truth, pred)), flush=True)
