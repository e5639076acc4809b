#!/usr/bin/env bash
# Issue 15's MNIST-shaped training step (batch 64, Adam, float64, one thread), hand-written loops against the loop
# kernels in both flavours, on sparse MNIST-like and dense random inputs; prints training examples/s and ratios.
#   bench/mnist.sh                      both models, both data sets, 5 variants (about 8 minutes)
#   bench/mnist.sh -p model=784-128-10  extra JMH options (e.g. one model, -p tile=16,32,64)
#   SETTINGS="-wi 4 -w 1s -i 5 -r 1s" bench/mnist.sh   other JMH warm-up/measurement settings
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -pl bench -am package -DskipTests
OUT=bench/target/results && mkdir -p "$OUT"
read -r -a settings <<<"${SETTINGS:--wi 5 -w 2s -i 5 -r 2s}"
java -jar bench/target/benchmarks.jar MnistBenchmark -f 1 "${settings[@]}" "$@" \
  -rf csv -rff "$OUT/mnist.csv" > "$OUT/mnist.log" 2>&1 || { tail -30 "$OUT/mnist.log"; exit 1; }
echo "load when done: $(uptime | sed 's/.*load/load/')"
# CSV rows: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: data","Param: model","Param: tile","Param: variant"
printf "%-28s %-16s %12s %12s %10s %10s\n" "model data tile" "variant" "best ex/s" "median ex/s" "best/hand" "med/hand"
awk -F, '
  { gsub(/[\r"]/, "") }
  $1 ~ /p0\.00$/ { best[$9 " " $8 " " $10 "," $11] = $5 }
  $1 ~ /p0\.50$/ { med[$9 " " $8 " " $10 "," $11] = $5; keys[$9 " " $8 " " $10] = 1; v[$11] = 1 }
  END {
    for (k in keys) for (x in v) {
      if (!((k "," x) in best)) continue
      b = 64e6 / best[k "," x]; m = 64e6 / med[k "," x]
      hb = 64e6 / best[k ",hand"]; hm = 64e6 / med[k ",hand"]
      printf "%-28s %-16s %12.0f %12.0f %10.2f %10.2f\n", k, x, b, m, b / hb, m / hm
    }
  }' "$OUT/mnist.csv" | sort
