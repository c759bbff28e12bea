"""Writes a head trained here (ship.py's head.tsv: per label its bias, then its weights) in the job's
embedding head format (EmbeddingHead.java, format 1): gzip of magic "SWBH", format, the embedder's
name, dimensions, input scale, labels, then per label its bias and weights, big-endian as Java's
DataOutputStream writes them. The gzip header carries no time or name, so the same weights give the
same bytes, and the job's version of the head (the first 12 hex digits of the file's SHA-256) with
them.

Usage: python3 head.py HEAD.tsv EMBEDDER OUT.head.gz"""
import gzip
import io
import struct
import sys

MAGIC = 0x53574248
FORMAT = 1
LABELS = ["negative", "neutral", "positive"]


def utf(s):
    b = s.encode("ascii")  # Java's modified UTF-8 is ASCII for ASCII names
    return struct.pack(">H", len(b)) + b


def head_bytes(embedder, bias, weights, input_scale=1.0):
    """bias: one per label; weights: per label a list of dimension weights (over the raw vector)."""
    d = len(weights[0])
    out = io.BytesIO()
    out.write(struct.pack(">ii", MAGIC, FORMAT))
    out.write(utf(embedder))
    out.write(struct.pack(">id", d, input_scale))
    out.write(struct.pack(">i", len(LABELS)))
    for label in LABELS:
        out.write(utf(label))
    for label in range(len(LABELS)):
        out.write(struct.pack(">f", bias[label]))
        out.write(struct.pack(">%df" % d, *weights[label]))
    return out.getvalue()


def write(path, embedder, bias, weights):
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as z:
            z.write(head_bytes(embedder, bias, weights))


def read_tsv(path):
    rows = [[float(x) for x in line.split("\t")] for line in open(path) if line.strip()]
    return [r[0] for r in rows], [r[1:] for r in rows]


if __name__ == "__main__":
    tsv, embedder, out = sys.argv[1:4]
    bias, weights = read_tsv(tsv)
    write(out, embedder, bias, weights)
    print("wrote", out)
