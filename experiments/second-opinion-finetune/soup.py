"""A uniform soup (Wortsman et al. 2022): the weights and heads of networks fine-tuned from the same
start with different seeds, averaged into one network of the same cost; its probabilities on MELD
dev (no FOLD) or on one fold's held-out dialogue rows.
Usage: python3 soup.py FP32.onnx TOKENIZER.json FOLDS.tsv DEV_DIR OUT.tsv FOLD|dev SEED.pt..."""
import os, sys, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from onnx_torch import OnnxModule
from pair import DIALOGUE_SETS, read_rows, predict
from wordpiece import WordPiece
torch.set_num_threads(2)
fp32, tokp, folds, dev_dir, out, which = sys.argv[1:7]
states = [torch.load(p) for p in sys.argv[7:]]
model = OnnxModule(fp32)
with torch.no_grad():
    for k, p in model.params.items():
        p.copy_(sum(s["params"][k] for s in states) / len(states))
head = torch.nn.Linear(384, 3)
head.load_state_dict({k: sum(s["head"][k] for s in states) / len(states) for k in states[0]["head"]})
model.eval()
tok = WordPiece(tokp)
if which == "dev":
    dev = [l.rstrip("\n").split("\t", 1) for l in open(dev_dir + "/meld-dev.tsv", encoding="utf-8")]
    p = predict(model, head, [(i, tok.ids(t)) for i, (_, t) in enumerate(dev)])
else:
    rows = read_rows(folds)
    p = predict(model, head, [(i, tok.ids(r["text"])) for i, r in enumerate(rows)
                              if r["set"] in DIALOGUE_SETS and r["fold"] == int(which)])
with open(out, "w") as f:
    for i in sorted(p):
        f.write("%d\t%s\n" % (i, "\t".join("%.6f" % x for x in p[i])))
print("wrote", out, len(p))
