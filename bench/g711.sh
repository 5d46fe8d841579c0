#!/usr/bin/env bash
# Runs the G.711 micro-benchmarks (JMH) on one thread and prints ns per 20 ms frame (160 samples),
# ns per sample and how many such streams one core could keep up with in real time.
# Usage: bench/g711.sh [extra JMH options, e.g. -prof gc, or a narrower regex: transcode]
# Builds target/benchmarks.jar when it is missing or has no G711Benchmark in it (codec-g711 is
# installed to ~/.m2 for that, without its tests); REBUILD=1 forces the build.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${REBUILD:-0}" == 1 || ! -f target/benchmarks.jar ]] \
   || ! jar tf target/benchmarks.jar | grep 'org/tabphone/bench/codec/G711Benchmark.class' > /dev/null; then
  (cd ../bundles/codec-g711 && mvn -o -q -B install -DskipTests)
  mvn -o -q -B package
fi

filter='G711Benchmark'
if [[ $# -gt 0 && "$1" != -* ]]; then filter="G711Benchmark.*$1"; shift; fi

mkdir -p target
java -jar target/benchmarks.jar "$filter" -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 -bm avgt -tu ns \
  -rf csv -rff target/g711.csv "$@"

echo
echo "Benchmark              ns/frame (± 99.9% CI)   ns/sample   real-time streams per core"
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
# A frame is 160 samples = 20 ms of audio, so one core keeps up with 20,000,000 / (ns per frame) streams.
awk -F, 'NR > 1 && $7 ~ /ns\/op/ {
  name = $1; gsub(/"/, "", name); sub(/.*G711Benchmark\./, "", name)
  printf "%-22s %9.1f (± %6.1f)     %8.2f      %12.0f\n", name, $5, $6, $5 / 160, 2e7 / $5
}' target/g711.csv
