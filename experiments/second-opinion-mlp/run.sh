#!/usr/bin/env bash
# Cross-validates the second opinion on sentiment with a one-hidden-layer network (Smile's MLP)
# over the bge-small vectors beside the shipped linear head, on the same folds (docs/models.md,
# "A second opinion on sentiment"). Needs `mvn install -DskipTests` at the top first, and
# ../shared/data. About 10 minutes on two cores: 32,520 rows embedded, then five folds.
#   experiments/second-opinion-mlp/run.sh [hidden units, default 256] [epochs, 10] [learning rate, 0.01]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
(cd "$here" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$out/cp.txt")
# In the models' package: it reads the cross-validation's folds, which are package-private.
javac -d "$out" -cp "$(cat "$out/cp.txt")" "$here/MlpExperiment.java"
java -cp "$out:$(cat "$out/cp.txt")" dev.switchboard.models.training.MlpExperiment \
  "$here/../../../shared/data" "$@"
