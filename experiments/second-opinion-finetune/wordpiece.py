"""BERT's uncased WordPiece tokenizer, read from a Hugging Face tokenizer.json (BertNormalizer with
lowercase and accent stripping, BertPreTokenizer, WordPiece with ##), for the fine-tuning spike."""
import json
import unicodedata


class WordPiece:
    def __init__(self, path, max_len=64):
        t = json.load(open(path))
        self.vocab = t["model"]["vocab"]
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.max_len = max_len

    @staticmethod
    def _words(text):
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words, cur = [], []
        for c in text:
            cat = unicodedata.category(c)
            if c.isspace() or cat.startswith("C"):
                if cur:
                    words.append("".join(cur))
                    cur = []
            elif cat.startswith("P") or (33 <= ord(c) <= 47 or 58 <= ord(c) <= 64 or 91 <= ord(c) <= 96 or 123 <= ord(c) <= 126):
                if cur:
                    words.append("".join(cur))
                    cur = []
                words.append(c)
            else:
                cur.append(c)
        if cur:
            words.append("".join(cur))
        return words

    def _pieces(self, word):
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            out.append(found)
            start = end
        return out

    def ids(self, text):
        pieces = []
        for w in self._words(text):
            pieces.extend(self._pieces(w))
        return [self.cls] + pieces[: self.max_len - 2] + [self.sep]
