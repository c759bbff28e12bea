#!/usr/bin/env bash
# Spike (issue 20): fine-tunes bge-small-en-v1.5 on dialogue sentiment and compares it, on one
# held-out fold of five grouped by dialogue (MELD train, DailyDialog validation), with the frozen
# vector and a linear head, in the same run (docs/models.md, "A second opinion on sentiment").
# Needs Debian's PyTorch and ONNX for the system Python, and OpenBLAS (without it PyTorch falls back
# to the reference BLAS, some fifty times slower): apt-get install python3-torch python3-onnx
# libopenblas0-pthread
# (PyTorch 1.13, CPU). About 20 minutes on two cores.
#   experiments/second-opinion-finetune/run.sh [first layer trained, default 8 of 0..11] [epochs, 1]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
(cd "$here" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$out")
(cd "$out" && unzip -q -o ./*.jar bge-small-en-v1.5.onnx bge-small-en-v1.5-tokenizer.json)
cd "$here"
/usr/bin/python3 train.py "$out/bge-small-en-v1.5.onnx" "$out/bge-small-en-v1.5-tokenizer.json" \
  "$here/../../../shared/data" "$@"
