#!/usr/bin/env bash
# Builds the benchmarks and runs the whole suite on this machine (about 25 minutes on 2 cores),
# then writes bench/results.md. Raw JMH output stays in bench/target/results/.
#   bench/run.sh            full run
#   QUICK=1 bench/run.sh    a smoke run with tiny JMH settings (a couple of minutes; numbers meaningless)
#   REPORT_ONLY=1 bench/run.sh   rewrite bench/results.md from the last run's files
#   WARMUP_ONLY=1 bench/run.sh   redo only the JIT warm-up measurement, then the report
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/target/results
JAR=bench/target/benchmarks.jar
JDK17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
IMPLS=${IMPLS:-hand,mgc,mgc-interp,flat,micrograd}

if [[ -n "${QUICK:-}" ]]; then
  SHORT=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  LONG=(-f 1 -wi 2 -w 1s -i 2 -r 1s)
else
  SHORT=(-f 1 -wi 4 -w 1s -i 5 -r 1s)
  # the compiled 64-wide MLP and residual models are tens of thousands of straight-line ops: C2 needs
  # ~10 s (measured under load) before they are steady
  LONG=(-f 1 -wi 8 -w 2s -i 5 -r 1s)
fi

if [[ -z "${REPORT_ONLY:-}${WARMUP_ONLY:-}" ]]; then
mvn -o -q -pl bench -am package -DskipTests
rm -rf "$OUT" && mkdir -p "$OUT"

# jmh JDK NAME REGEX SETTINGS...: one JMH invocation, CSV to $OUT/NAME.csv, console to $OUT/NAME.log; -p impl=$IMPLS
# unless IMPLS is empty
jmh() {
  local jdk=$1 name=$2 regex=$3; shift 3
  echo "== $(date -u +%H:%M:%S) $name ($(uptime | sed 's/.*load/load/'))" | tee -a "$OUT/load.txt"
  "$jdk/bin/java" -jar "$JAR" "$regex" "$@" ${IMPLS:+-p impl="$IMPLS"} -rf csv -rff "$OUT/$name.csv" > "$OUT/$name.log" 2>&1 \
    || echo "   $name failed: see $OUT/$name.log" | tee -a "$OUT/load.txt"
  grep -E '^[A-Z][A-Za-z0-9]+Benchmark' "$OUT/$name.log" | grep -v ':p[0-9]' || true   # not sample mode's percentiles
}

date -u '+%Y-%m-%d %H:%M UTC' > "$OUT/start.txt"
git rev-parse --short HEAD > "$OUT/commit.txt"   # the commit measured, for a later REPORT_ONLY
jmh "$JDK17" jdk17-small 'MoonsBenchmark|SoftmaxBenchmark' "${SHORT[@]}"
jmh "$JDK17" jdk17-large 'Mlp64Benchmark|ResidualBenchmark' "${LONG[@]}"
IMPLS=mgc-superword jmh "$JDK17" jdk17-superword 'Mlp64Benchmark' "${LONG[@]}"
if [[ -x "$JDK25/bin/java" ]]; then
  jmh "$JDK25" jdk25-moons 'MoonsBenchmark.(perExample|trainStep)$' "${SHORT[@]}"
  jmh "$JDK25" jdk25-mlp64 'Mlp64Benchmark' "${LONG[@]}"
fi

# issue 15's MNIST-shaped training step, in sample mode (medians resist the machine's noise); real digits when
# their IDX files are there (examples/mnist/fetch.sh, or MNIST_DIR)
export MNIST_DIR=${MNIST_DIR:-examples/mnist/data}
MNIST_SETS=sparse,dense
ls "$MNIST_DIR"/train-images-idx3-ubyte* >/dev/null 2>&1 && MNIST_SETS=sparse,real,dense
MNIST=(-bm sample -p data="$MNIST_SETS" -p variant=hand,mgc-vector,mgc-superword,mgc-interp)
if [[ -n "${QUICK:-}" ]]; then M128=(-f 1 -wi 1 -w 1s -i 1 -r 1s); M256=("${M128[@]}")
else M128=(-f 1 -wi 6 -w 2s -i 5 -r 2s); M256=(-f 1 -wi 5 -w 2s -i 4 -r 2s); fi
IMPLS= jmh "$JDK17" jdk17-mnist-128 MnistMgcBenchmark "${MNIST[@]}" -p model=784-128-10 "${M128[@]}"
IMPLS= jmh "$JDK17" jdk17-mnist-256 MnistMgcBenchmark "${MNIST[@]}" -p model=784-256-256-10 "${M256[@]}"

echo "== $(date -u +%H:%M:%S) compile scaling ($(uptime | sed 's/.*load/load/'))" | tee -a "$OUT/load.txt"
SIZES=(1000 10000 100000 1000000); [[ -n "${QUICK:-}" ]] && SIZES=(1000 10000)
"$JDK17/bin/java" -Xms1g -Xmx6g -cp "$JAR" mgc.bench.compile.CompileScaling "$OUT/compile.md" "${SIZES[@]}" \
  > "$OUT/compile.log" 2>&1 || echo "   compile scaling failed: see $OUT/compile.log" | tee -a "$OUT/load.txt"
fi
if [[ -z "${REPORT_ONLY:-}" ]]; then
[[ -n "${WARMUP_ONLY:-}" ]] && mvn -o -q -pl bench -am package -DskipTests
echo "== $(date -u +%H:%M:%S) JIT warm-up ($(uptime | sed 's/.*load/load/'))" | tee -a "$OUT/load.txt"
rm -f "$OUT/warmup.md" "$OUT/warmup.log"
for nodes_seconds in 1000:5 20000:15 100000:30; do
  [[ -n "${QUICK:-}" ]] && nodes_seconds=${nodes_seconds%:*}:2
  "$JDK17/bin/java" -Xms2g -Xmx2g -cp "$JAR" mgc.bench.compile.JitWarmup "$OUT/warmup.md" "${nodes_seconds%:*}" "${nodes_seconds#*:}" \
    >> "$OUT/warmup.log" 2>&1 || echo "   warm-up ${nodes_seconds%:*} failed: see $OUT/warmup.log" | tee -a "$OUT/load.txt"
done
date -u '+%Y-%m-%d %H:%M UTC' > "$OUT/end.txt"
fi

START=$(cat "$OUT/start.txt")
END=$(cat "$OUT/end.txt")
COMMIT=$(cat "$OUT/commit.txt" 2>/dev/null || git rev-parse --short HEAD)
RUNS=("JDK 17=$OUT/jdk17-small.csv,$OUT/jdk17-large.csv,$OUT/jdk17-superword.csv")
[[ -x "$JDK25/bin/java" ]] && RUNS+=("JDK 25=$OUT/jdk25-moons.csv,$OUT/jdk25-mlp64.csv")

{
  echo "# mgc benchmark results"
  echo
  echo "Written by \`bench/run.sh\` (${QUICK:+QUICK smoke settings, numbers meaningless; }$START to $END), commit $COMMIT."
  echo
  echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr)"
  echo "- JDK 17: $("$JDK17/bin/java" -version 2>&1 | sed -n 2p)"
  [[ -x "$JDK25/bin/java" ]] && echo "- JDK 25: $("$JDK25/bin/java" -version 2>&1 | sed -n 2p) (moons and 64-wide MLP only)"
  echo "- JMH 1.37, mode avgt, one fork per benchmark x implementation, \`-Xms2g -Xmx2g\`; settings \`${SHORT[*]}\`,"
  echo "  64-wide MLP and residual \`${LONG[*]}\`. Command: \`$(printf '%s' "${QUICK:+QUICK=1 }bench/run.sh")\`"
  echo "- The machine is shared (other engineers compile on it): load averages when each JMH run started:"
  echo
  sed 's/^/    /' "$OUT/load.txt"
  FAILED=$(for log in "$OUT"/jdk*.log; do
    awk -v run="$(basename "$log" .log)" '/^# Benchmark:/ {b = $3} /^# Parameters:/ {p = $3 $4 $5} /<failure>/ {f = 1; next}
      f && NF {print "- " run ": `" b " " p "`: " $0; f = 0}' "$log"
  done | sed 's/mgc.bench.jmh.//' | cut -c1-300 || true)
  if [[ -n "$FAILED" ]]; then
    echo
    echo "Benchmarks that failed (their rows are missing below):"
    echo
    echo "$FAILED"
  fi
} > "$OUT/header.md"

rm -f "$OUT/mnist.md"
"$JDK17/bin/java" -cp "$JAR" mgc.bench.report.MnistReport "$OUT/jdk17-mnist-128.csv,$OUT/jdk17-mnist-256.csv" "$OUT/mnist.md" \
  "MNIST_DIR=examples/mnist/data java -jar bench/target/benchmarks.jar MnistMgcBenchmark -bm sample -p model=784-128-10 -p data=sparse,real,dense -p variant=hand,mgc-vector,mgc-superword,mgc-interp[,mgc-vector-inout,mgc-superword-inout] -wi 6 -w 2 -i 5 -r 2 -f 1 (784-256-256-10: -wi 5 -i 4)"
"$JDK17/bin/java" -cp "$JAR" mgc.bench.report.ResultsReport bench/results.md "$OUT/header.md" "${RUNS[@]}" \
  --append "$OUT/mnist.md" --append "$OUT/compile.md" --append "$OUT/warmup.md"
echo "wrote bench/results.md"
