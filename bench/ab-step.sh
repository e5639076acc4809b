#!/usr/bin/env bash
# Two builds of mgc on the MNIST training step, in one JVM, alternating rounds (mgc.bench.ab.AbStep): the way to
# see a change of a few percent on a machine whose runs drift by more than that.
#   bench/ab-step.sh OLD.jar NEW.jar [MODEL] [FLAVOUR] [ROUNDS]     defaults: 784-128-10 vector 30
#   JAR@auto compiles the model with --kernels auto (default JAR@loops, as MnistMgcBenchmark)
# Make each jar with `mvn -o -q -pl bench -am package -DskipTests` at the commit to measure, then copy
# bench/target/benchmarks.jar away. Real digits need MNIST_DIR (examples/mnist/fetch.sh); else DATA=sparse.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,6p' "$0"; exit 2; }
# a jar may carry @auto (compile with --kernels auto) or @loops (the default, as MnistMgcBenchmark)
for jar in "$1" "$2"; do [[ -f ${jar%@*} ]] || { echo "ab-step.sh: no such jar: ${jar%@*}" >&2; exit 2; }; done
suffix() { if [[ $1 == *@* ]]; then echo "@${1##*@}"; fi; }
old=$(realpath "${1%@*}")$(suffix "$1") new=$(realpath "${2%@*}")$(suffix "$2") model=${3:-784-128-10} flavour=${4:-vector} rounds=${5:-30}
cd "$(dirname "$0")/.."
# AbStep itself comes from this checkout's build (either jar may predate it)
[[ -f bench/target/benchmarks.jar ]] || mvn -o -q -pl bench -am package -DskipTests
export MNIST_DIR=${MNIST_DIR:-examples/mnist/data}
# 1 MB regions: the 814 KB parameter, gradient and moment arrays are humongous, so each copy's land at one alignment
# (with 2 MB regions they landed anywhere and moved Adam's pass by up to 90 us between copies of one build)
exec java -Xmx4g -XX:G1HeapRegionSize=1m --add-modules jdk.incubator.vector -Ddata="${DATA:-real}" -cp bench/target/benchmarks.jar mgc.bench.ab.AbStep \
  "$model" "$flavour" "$rounds" "$old" "$new"
