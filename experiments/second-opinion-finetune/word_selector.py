"""A selector that reads a message's words as the fast model does, to say where the second opinion
is worth asking: a linear model over the message's hashed unigrams and bigrams (one weight per
gram for each label the fast model gave, since its errors differ by label) and a few numbers from
the fast model (its probabilities, top probability, margin, label, and the message's length).

Used by selection.py (nested by fold) and selection_dev.py (trained on every fold's rows, judged
on MELD dev)."""
import math
import re
import zlib

import torch

BUCKETS = 1 << 18
WORD = re.compile(r"[a-z0-9']+|[?!.,]")


def argmax(v):
    return max(range(len(v)), key=lambda c: v[c])


def hashed_words(text):
    """The distinct unigrams and bigrams of a message (with its start and end), hashed."""
    tokens = ["<s>"] + WORD.findall(text.lower()) + ["</s>"]
    grams = set(tokens) | {a + " " + b for a, b in zip(tokens, tokens[1:])}
    return sorted(zlib.crc32(g.encode()) % BUCKETS for g in grams)


def numbers(fast, text):
    """What the fast model says of a message, and its length: fast is [negative, neutral, positive]."""
    s = sorted(fast)
    label = argmax(fast)
    return [fast[0], fast[1], fast[2], s[2], s[2] - s[1], label == 0, label == 1, label == 2,
            math.log(1 + len(text.split()))]


class WordSelector:
    def __init__(self, words, linear, mean, scale):
        self.words, self.linear, self.mean, self.scale = words, linear, mean, scale

    @staticmethod
    def fit(texts, fasts, target, seed, l2=1e-4, epochs=8):
        """Fits a logistic regression of target (a 0/1 tensor, one per message) on the messages."""
        ids = [torch.tensor(hashed_words(t)) for t in texts]
        x = torch.tensor([numbers(f, t) for f, t in zip(fasts, texts)], dtype=torch.float32)
        mean, scale = x.mean(0), x.std(0) + 1e-6
        x = (x - mean) / scale
        label = torch.tensor([argmax(f) for f in fasts])
        torch.manual_seed(seed)
        words = torch.nn.EmbeddingBag(BUCKETS, 3, mode="sum")
        torch.nn.init.zeros_(words.weight)
        linear = torch.nn.Linear(x.shape[1], 1)
        opt = torch.optim.Adam(list(words.parameters()) + list(linear.parameters()), lr=0.02)
        n = len(texts)
        for _ in range(epochs):
            order = torch.randperm(n)
            for b in range(0, n, 256):
                idx = order[b:b + 256]
                flat, offsets = _bag([ids[j] for j in idx.tolist()])
                opt.zero_grad()
                y = words(flat, offsets).gather(1, label[idx].unsqueeze(1)).squeeze(1) + linear(x[idx]).squeeze(1)
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(y, target[idx])
                        + l2 * (words.weight[flat] ** 2).sum() / len(idx))
                loss.backward()
                opt.step()
        return WordSelector(words, linear, mean, scale)

    def scores(self, texts, fasts):
        """The logit of target for each message: higher, more worth asking."""
        with torch.no_grad():
            flat, offsets = _bag([torch.tensor(hashed_words(t)) for t in texts])
            x = (torch.tensor([numbers(f, t) for f, t in zip(fasts, texts)], dtype=torch.float32) - self.mean) / self.scale
            label = torch.tensor([argmax(f) for f in fasts])
            return (self.words(flat, offsets).gather(1, label.unsqueeze(1)).squeeze(1)
                    + self.linear(x).squeeze(1))


def _bag(ids):
    lengths = torch.tensor([len(x) for x in ids])
    return torch.cat(ids), torch.cat([torch.zeros(1, dtype=torch.long), lengths.cumsum(0)[:-1]])
