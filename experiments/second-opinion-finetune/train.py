"""Spike: does fine-tuning bge-small on dialogue sentiment read turns better than the frozen vector
with a linear head (the shipped second opinion)? One held-out fold of five, grouped by dialogue, of
MELD train and DailyDialog validation; prints macro-F1 on each for the frozen head and the
fine-tuned network, in the same run.
Usage: python3 train.py MODEL.onnx TOKENIZER.json DATA_DIR [FIRST_LAYER_TRAINED (8)] [EPOCHS (1)]"""
import collections
import csv
import hashlib
import random
import re
import sys
import time

import torch

from onnx_torch import OnnxModule
from wordpiece import WordPiece

torch.set_num_threads(2)
torch.manual_seed(42)
random.seed(42)
LABELS = ["negative", "neutral", "positive"]
DD = {"happiness": "positive", "anger": "negative", "disgust": "negative", "fear": "negative",
      "sadness": "negative", "no emotion": "neutral", "surprise": "neutral"}
BATCH = 32


def rows(data):
    out = []
    with open(data + "/meld/train_sent_emo.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append(("meld", r["Dialogue_ID"], r["Utterance"], LABELS.index(r["Sentiment"])))
    with open(data + "/dailydialog/validation.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append(("dailydialog", r["dialogue"], r["text"], LABELS.index(DD[r["emotion"]])))
    return out


def fold(row):
    return int(hashlib.md5((row[0] + "/" + row[1]).encode()).hexdigest(), 16) % 5


def macro_f1(gold, pred):
    f = []
    for c in range(3):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f.append(0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(f) / 3


def layer_of(module):
    """Encoder layer of each parameter (-1 for the embeddings), from names or consuming nodes."""
    consumers = collections.defaultdict(list)
    for n in module.graph.node:
        for x in n.input:
            consumers[x].append(n.name)
    layers = {}
    for name, key in module.names.items():
        where = name if not name.startswith("onnx::") else " ".join(consumers[name])
        if "embeddings" in where:
            layers[key] = -1
        else:
            m = re.search(r"layer\.(\d+)", where)
            layers[key] = int(m.group(1)) if m else 99
    return layers


def batches(items, size, shuffle):
    items = list(items)
    if shuffle:
        random.shuffle(items)
    # sort within chunks by length: less padding
    chunks = [sorted(items[i:i + size * 20], key=lambda r: len(r[0])) for i in range(0, len(items), size * 20)]
    out = [c[i:i + size] for c in chunks for i in range(0, len(c), size)]
    if shuffle:
        random.shuffle(out)
    return out


def tensors(batch):
    n = max(len(ids) for ids, _ in batch)
    ids = torch.zeros(len(batch), n, dtype=torch.long)
    mask = torch.zeros(len(batch), n, dtype=torch.long)
    for i, (x, _) in enumerate(batch):
        ids[i, :len(x)] = torch.tensor(x)
        mask[i, :len(x)] = 1
    return ids, mask, torch.tensor([y for _, y in batch])


def cls(model, ids, mask):
    h = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids))
    return h[:, 0]


def main():
    model_path, tokenizer_path, data = sys.argv[1:4]
    FREEZE_BELOW = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    EPOCHS = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    tok = WordPiece(tokenizer_path)
    all_rows = rows(data)
    train = [(tok.ids(r[2]), r[3]) for r in all_rows if fold(r) != 0]
    test = [(r[0], tok.ids(r[2]), r[3]) for r in all_rows if fold(r) == 0]
    print("train", len(train), "held out", len(test), flush=True)
    counts = collections.Counter(y for _, y in train)
    weights = torch.tensor([(len(train) / (3 * counts[c])) ** 0.5 for c in range(3)])
    model = OnnxModule(model_path)

    def evaluate(predict, what):
        for s in ("meld", "dailydialog"):
            part = [(ids, y) for name, ids, y in test if name == s]
            preds = []
            for b in batches(part, 64, False):
                ids, mask, ys = tensors(b)
                with torch.no_grad():
                    preds.extend(zip(predict(ids, mask).argmax(1).tolist(), ys.tolist()))
            print("%-28s %-12s macro-F1 %.4f (%d rows)" % (what, s, macro_f1([g for _, g in preds], [p for p, _ in preds]), len(part)), flush=True)

    # Frozen network, linear head on the CLS vector (normalised, as served).
    t = time.time()
    feats, ys = [], []
    for b in batches(train, 64, False):
        ids, mask, y = tensors(b)
        with torch.no_grad():
            feats.append(torch.nn.functional.normalize(cls(model, ids, mask), dim=1))
        ys.append(y)
    feats, ys = torch.cat(feats), torch.cat(ys)
    print("embedded the training rows in %.0f s" % (time.time() - t), flush=True)
    head = torch.nn.Linear(384, 3)
    opt = torch.optim.LBFGS(head.parameters(), max_iter=200)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)

    def closure():
        opt.zero_grad()
        loss = loss_fn(head(feats), ys) + 1e-4 * head.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    evaluate(lambda i, m: head(torch.nn.functional.normalize(cls(model, i, m), dim=1)), "frozen + linear head")

    # Fine-tuned: the layers from FREEZE_BELOW up and a new head.
    layers = layer_of(model)
    trainable = [p for k, p in model.params.items() if layers[k] >= FREEZE_BELOW]
    for k, p in model.params.items():
        p.requires_grad = layers[k] >= FREEZE_BELOW
    tuned_head = torch.nn.Linear(384, 3)
    opt = torch.optim.AdamW([{"params": trainable, "lr": 5e-5}, {"params": tuned_head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = EPOCHS * ((len(train) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps))
    t = time.time()
    model.train()
    for epoch in range(EPOCHS):
        for n, b in enumerate(batches(train, BATCH, True)):
            ids, mask, y = tensors(b)
            loss = loss_fn(tuned_head(cls(model, ids, mask)), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if n % 50 == 0:
                print("epoch %d batch %d loss %.3f %.0f s" % (epoch, n, loss.item(), time.time() - t), flush=True)
    model.eval()
    evaluate(
        lambda i, m: tuned_head(cls(model, i, m)),
        "fine-tuned from layer %d, %d epoch(s)" % (FREEZE_BELOW, EPOCHS),
    )


if __name__ == "__main__":
    main()
