"""Which rows to re-score, and how to combine there: other choices than the job's, judged on pair.py's
folds (issue 20's target: conversations' macro-F1 3 points above the fast model alone with at most 15%
of messages re-scored).

The job re-scores a row when the fast model's top probability is below a threshold and combines the
two as p ~ net^w * fast^(1-w) with w 0.5. With pair.py's out-of-fold network probabilities beside the
fast model's, this script tries, at the same budgets (10% and 15% of the dialogue rows, the threshold
read off the selector's scores, never the labels):
- the job's rule at other head weights w;
- the margin between the fast model's two most likely labels instead of its top probability;
- a bias per label on the combined log-probability, chosen on the other four folds (nested);
- selectors learned, nested by fold, from what the job knows when it asks: the fast model's
  probabilities and label, the message's length in words, and whether it holds '?' or '!';
  trained to predict where the fast model is wrong, or where the pair would be right and the fast
  model not (a logistic regression, or one hidden layer of 16);
- the same with the dialogue so far (what the conversation state could keep): the fast model's
  probabilities for the turn before, their mean over the earlier turns, the turn's position, and
  the turn's difference from that mean (a dialogue's rows follow each other in the folds file, in
  turn order);
- in place of the fixed rule where the pair decides, a logistic regression over both models' log
  probabilities (and the same dialogue features), fitted per fold on the other folds' selected
  rows, with and without weights that balance the labels;
- selectors that read the message's words as the fast model does (word_selector.py: hashed unigrams
  and bigrams, each weighted per fast label, beside the fast model's numbers; nested by fold): where
  the fast model errs, where the pair would mend it, and where the pair would change its label (this
  last needs no labels at all, only both models' readings, so a deployment could fit it on its own
  traffic);
- and, as a ceiling rather than a method, the network asked only where the labels say it mends the
  fast model.

Usage: python3 selection.py FOLDS.tsv PAIR_DIR
(FOLDS.tsv from `model train ... --held-out-out`, PAIR_DIR pair.py's OUT_DIR with its five folds)"""
import csv
import math
import sys

import torch

from word_selector import WordSelector

LABELS = ["negative", "neutral", "positive"]
DIALOGUE_SETS = ("meld-train", "dailydialog")
BUDGETS = (0.10, 0.15)


def read(folds_path, pair_dir):
    csv.field_size_limit(10**9)
    rows = []
    with open(folds_path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["set"] not in DIALOGUE_SETS:
                rows.append(None)  # keeps the row numbers pair.py wrote
                continue
            rows.append({
                "fold": int(r["fold"]),
                "set": r["set"],
                "label": LABELS.index(r["label"]),
                "fast": [float(r["p_negative"]), float(r["p_neutral"]), float(r["p_positive"])],
                "text": r["text"],
                "dialogue": r["set"] + "/" + r["dialogue"],
            })
    net = {}
    for k in sorted({r["fold"] for r in rows if r}):
        with open("%s/fold-%d.tsv" % (pair_dir, k)) as f:
            for line in f:
                i, *p = line.split("\t")
                net[int(i)] = [float(x) for x in p]
    dialogue = [i for i, r in enumerate(rows) if r]
    missing = [i for i in dialogue if i not in net]
    if missing:
        sys.exit("%d dialogue rows have no network probabilities: another folds file?" % len(missing))
    return rows, net, dialogue


def argmax(v):
    return max(range(len(v)), key=lambda c: v[c])


def macro_f1(rows, idx, pred):
    total = 0.0
    for c in range(3):
        tp = sum(1 for i in idx if pred[i] == c and rows[i]["label"] == c)
        fp = sum(1 for i in idx if pred[i] == c and rows[i]["label"] != c)
        fn = sum(1 for i in idx if pred[i] != c and rows[i]["label"] == c)
        total += 0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return total / 3


def main():
    rows, net, dialogue = read(sys.argv[1], sys.argv[2])
    pos = {i: k for k, i in enumerate(dialogue)}
    folds = torch.tensor([rows[i]["fold"] for i in dialogue])

    def combined(i, w=0.5, bias=(0, 0, 0)):
        f, n = rows[i]["fast"], net[i]
        return argmax([w * math.log(max(n[c], 1e-9)) + (1 - w) * math.log(max(f[c], 1e-9)) + bias[c]
                       for c in range(3)])

    def report(what, pred, selected=None):
        parts = []
        for s in DIALOGUE_SETS + (None,):
            idx = [i for i in dialogue if s is None or rows[i]["set"] == s]
            share = "" if selected is None else " (%.1f%%)" % (100 * sum(1 for i in idx if selected(i)) / len(idx))
            parts.append("%s %.4f%s" % (s or "both", macro_f1(rows, idx, pred), share))
        print("  %-36s %s" % (what, "  ".join(parts)), flush=True)

    def at_budget(doubt, budget, w=0.5):
        """Re-scores the budget's share of rows with the most doubt (higher: more)."""
        ranked = sorted((doubt(i) for i in dialogue), reverse=True)
        line = ranked[int(budget * len(ranked))]
        selected = lambda i: doubt(i) > line
        return {i: combined(i, w) if selected(i) else argmax(rows[i]["fast"]) for i in dialogue}, selected

    report("fast model alone", {i: argmax(rows[i]["fast"]) for i in dialogue})
    report("network alone", {i: argmax(net[i]) for i in dialogue})
    # A ceiling, not a method: the labels pick the rows where the network alone mends the fast model.
    mends = lambda i: argmax(net[i]) == rows[i]["label"] != argmax(rows[i]["fast"])
    report("oracle: network where it mends (labels used)",
           {i: argmax(net[i]) if mends(i) else argmax(rows[i]["fast"]) for i in dialogue}, mends)
    below_top = lambda i: -max(rows[i]["fast"])
    for budget in BUDGETS:
        for w in (0.5, 0.7, 0.85, 1.0):
            report("top probability %.2f, w %.2f" % (budget, w), *at_budget(below_top, budget, w))

    def margin(i):
        s = sorted(rows[i]["fast"])
        return s[1] - s[2]
    for budget in BUDGETS:
        report("margin %.2f" % budget, *at_budget(margin, budget))

    # A bias per label where the pair decides, chosen on the other folds.
    grid = (-0.6, -0.3, 0, 0.3, 0.6)
    pred, selected = at_budget(below_top, 0.15)
    chosen = []
    for k in sorted(set(folds.tolist())):
        train = [i for i in dialogue if rows[i]["fold"] != k]
        best = None
        for b0 in grid:
            for b2 in grid:
                bias = (b0, 0, b2)
                p = {i: combined(i, 0.5, bias) if selected(i) else argmax(rows[i]["fast"]) for i in train}
                score = sum(macro_f1(rows, [i for i in train if rows[i]["set"] == s], p) for s in DIALOGUE_SETS)
                if best is None or score > best[0]:
                    best = (score, bias)
        chosen.append(best[1])
        for i in dialogue:
            if rows[i]["fold"] == k and selected(i):
                pred[i] = combined(i, 0.5, best[1])
    report("bias per label (nested) 0.15", pred, selected)
    print("    biases chosen per fold: %s" % chosen)

    # Learned selectors, nested by fold.
    def features(i):
        f = rows[i]["fast"]
        s = sorted(f)
        text = rows[i]["text"]
        words = math.log(1 + len(text.split()))
        label = argmax(f)
        return [f[0], f[1], f[2], s[2], s[2] - s[1], label == 0, label == 1, label == 2, words,
                len(text.split()) <= 3, "?" in text, "!" in text, f[0] * words, f[1] * words, f[2] * words]

    def without_text(i):
        return features(i)[:8]

    fast_wrong = torch.tensor([float(argmax(rows[i]["fast"]) != rows[i]["label"]) for i in dialogue])
    pair_gain = torch.tensor([float(combined(i) == rows[i]["label"]) - float(argmax(rows[i]["fast"]) == rows[i]["label"])
                              for i in dialogue])

    def learned(feature_of, target, hidden):
        x = torch.tensor([feature_of(i) for i in dialogue], dtype=torch.float32)
        out = torch.zeros(len(dialogue))
        for k in sorted(set(folds.tolist())):
            train, test = folds != k, folds == k
            mu, sd = x[train].mean(0), x[train].std(0) + 1e-6
            torch.manual_seed(k)
            model = (torch.nn.Sequential(torch.nn.Linear(x.shape[1], hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))
                     if hidden else torch.nn.Linear(x.shape[1], 1))
            opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-4)
            for _ in range(300):
                opt.zero_grad()
                y = model((x[train] - mu) / sd).squeeze(1)
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(y, target[train])
                        if target.min() >= 0 else torch.nn.functional.mse_loss(y, target[train]))
                loss.backward()
                opt.step()
            with torch.no_grad():
                out[test] = model((x[test] - mu) / sd).squeeze(1)
        return lambda i: out[pos[i]].item()

    # The dialogue so far: the turn before and the mean of the earlier turns, by the fast model.
    before, mean_before, position = {}, {}, {}
    last, sums, counts = {}, {}, {}
    for i in dialogue:
        d = rows[i]["dialogue"]
        before[i] = rows[last[d]]["fast"] if d in last else [1 / 3] * 3
        n = counts.get(d, 0)
        mean_before[i] = [x / n for x in sums[d]] if n else [1 / 3] * 3
        position[i] = n
        f = rows[i]["fast"]
        sums[d] = [a + b for a, b in zip(sums.get(d, [0.0] * 3), f)]
        counts[d] = n + 1
        last[d] = i

    def with_dialogue(i):
        f = rows[i]["fast"]
        return (features(i) + before[i] + mean_before[i]
                + [math.log(1 + position[i]), position[i] == 0] + [f[c] - mean_before[i][c] for c in range(3)])

    for name, feature_of, target, hidden in (
            ("fast wrong, logistic", features, fast_wrong, 0),
            ("fast wrong, hidden 16", features, fast_wrong, 16),
            ("fast wrong, hidden 16, no text", without_text, fast_wrong, 16),
            ("pair's gain, hidden 16", features, pair_gain, 16),
            ("fast wrong, hidden 16, dialogue", with_dialogue, fast_wrong, 16),
            ("pair's gain, hidden 16, dialogue", with_dialogue, pair_gain, 16)):
        doubt = learned(feature_of, target, hidden)
        for budget in BUDGETS:
            report("%s %.2f" % (name, budget), *at_budget(doubt, budget))

    # Selectors that read the words, as the fast model does (word_selector.py), fitted per fold on
    # the other four.
    pair_changes = torch.tensor([float(combined(i) != argmax(rows[i]["fast"])) for i in dialogue])
    pair_mends = torch.tensor([float(combined(i) == rows[i]["label"] != argmax(rows[i]["fast"])) for i in dialogue])

    def from_words(target):
        out = torch.zeros(len(dialogue))
        for k in sorted(set(folds.tolist())):
            train, test = (folds != k).nonzero().squeeze(1), (folds == k).nonzero().squeeze(1)
            selector = WordSelector.fit([rows[dialogue[j]]["text"] for j in train.tolist()],
                                        [rows[dialogue[j]]["fast"] for j in train.tolist()], target[train], seed=k)
            out[test] = selector.scores([rows[dialogue[j]]["text"] for j in test.tolist()],
                                        [rows[dialogue[j]]["fast"] for j in test.tolist()])
        return lambda i: out[pos[i]].item()

    for name, target in (("words: fast wrong", fast_wrong), ("words: pair mends", pair_mends),
                         ("words: pair changes (no labels)", pair_changes)):
        doubt = from_words(target)
        for budget in BUDGETS:
            report("%s %.2f" % (name, budget), *at_budget(doubt, budget))

    # A learned combination where the job's rule selects, in place of p ~ net^0.5 * fast^0.5.
    def log_probabilities(i):
        return [math.log(max(x, 1e-9)) for x in rows[i]["fast"] + net[i]]

    def log_probabilities_and_dialogue(i):
        return log_probabilities(i) + [math.log(max(x, 1e-9)) for x in before[i] + mean_before[i]] + [position[i] == 0]

    labels = torch.tensor([rows[i]["label"] for i in dialogue])

    def stacked(feature_of, selected, balanced):
        x = torch.tensor([feature_of(i) for i in dialogue], dtype=torch.float32)
        chosen = torch.tensor([bool(selected(i)) for i in dialogue])
        pred = {i: argmax(rows[i]["fast"]) for i in dialogue}
        for k in sorted(set(folds.tolist())):
            train, test = (folds != k) & chosen, (folds == k) & chosen
            mu, sd = x[train].mean(0), x[train].std(0) + 1e-6
            per_label = torch.bincount(labels[train], minlength=3).float()
            weight = per_label.sum() / (3 * per_label) if balanced else None
            model = torch.nn.Linear(x.shape[1], 3)
            opt = torch.optim.LBFGS(model.parameters(), max_iter=200)
            xt = (x[train] - mu) / sd

            def loss():
                opt.zero_grad()
                value = (torch.nn.functional.cross_entropy(model(xt), labels[train], weight=weight)
                         + 1e-3 * (model.weight ** 2).sum())
                value.backward()
                return value
            opt.step(loss)
            with torch.no_grad():
                out = model((x[test] - mu) / sd).argmax(1).tolist()
            for j, row in enumerate(test.nonzero().squeeze(1).tolist()):
                pred[dialogue[row]] = out[j]
        return pred

    for budget in BUDGETS:
        _, selected = at_budget(below_top, budget)
        for name, feature_of in (("both models", log_probabilities),
                                 ("both models and the dialogue", log_probabilities_and_dialogue)):
            for balanced in (False, True):
                report("learned combination, %s%s %.2f" % (name, ", balanced" if balanced else "", budget),
                       stacked(feature_of, selected, balanced), selected)


if __name__ == "__main__":
    main()
