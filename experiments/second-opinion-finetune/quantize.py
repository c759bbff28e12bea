"""Writes a bge-small network's fp32 weights into the int8 graph LangChain4j ships
(bge-small-en-v1.5-q.onnx, the one the meaning tier runs), quantised as that graph's were: every
MatMul weight per output column, symmetric, scale max|w| / 64 (values -64..64, ONNX Runtime's
reduced range); the embedding tables per tensor as uint8 around 128, scale max|w| / 127.5; every
other parameter (biases, layer norms) as it is. Run on the original fp32 network it reproduces the
shipped int8 graph's weights exactly (`--check`), so a fine-tuned network can ship in the same
form and cost.

Usage: python3 quantize.py INT8.onnx FP32.onnx OUT.onnx    (OUT: the int8 graph, FP32's weights)
       python3 quantize.py --check INT8.onnx FP32.onnx     (the original fp32: the same weights?)"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def quantized(int8_graph, fp32):
    """The int8 graph's initializers recomputed from {name: fp32 array}."""
    out = {}
    for init in int8_graph.graph.initializer:
        name = init.name
        if name.endswith("_quantized"):
            base = name[: -len("_quantized")]
            w = fp32[base]
            if w.ndim == 2 and base.startswith("embeddings."):
                scale = np.float32(np.abs(w).max() / 127.5)
                out[base + "_scale"] = np.array(scale, dtype=np.float32)
                out[base + "_zero_point"] = np.array(128, dtype=np.uint8)
                out[name] = np.clip(np.round(w / scale) + 128, 0, 255).astype(np.uint8)
            else:
                scale = (np.abs(w).max(axis=0) / 64).astype(np.float32)
                out[base + "_scale"] = scale
                out[base + "_zero_point"] = np.zeros(w.shape[1], dtype=np.int8)
                out[name] = np.clip(np.round(w / scale), -64, 64).astype(np.int8)
        elif name in fp32 and name not in out:
            out[name] = fp32[name].astype(np.float32)
    return out


def main():
    check = sys.argv[1] == "--check"
    args = sys.argv[2:] if check else sys.argv[1:]
    int8_graph = onnx.load(args[0])
    fp32 = {i.name: numpy_helper.to_array(i) for i in onnx.load(args[1]).graph.initializer}
    new = quantized(int8_graph, fp32)
    if check:
        differing = []
        for init in int8_graph.graph.initializer:
            if init.name in new and not np.array_equal(numpy_helper.to_array(init), new[init.name]):
                differing.append(init.name)
        untouched = [i.name for i in int8_graph.graph.initializer if i.name not in new]
        print("initializers differing: %d, not recomputed: %d" % (len(differing), len(untouched)))
        sys.exit(1 if differing else 0)
    for init in int8_graph.graph.initializer:
        if init.name in new:
            init.CopyFrom(numpy_helper.from_array(new[init.name], init.name))
    onnx.save(int8_graph, args[2])


if __name__ == "__main__":
    main()
