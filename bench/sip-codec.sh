#!/usr/bin/env bash
# Runs the sip-core codec micro-benchmarks (JMH) on one thread and prints ns/op and messages/s.
# Usage: bench/sip-codec.sh [extra JMH options, e.g. -prof gc]
# Builds target/benchmarks.jar first if it is missing (sip-core is installed to ~/.m2 for that).
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -f target/benchmarks.jar ]]; then
  (cd ../bundles/sip-core && mvn -o -q install -DskipTests)
  mvn -o -q package
fi

mkdir -p target
java -jar target/benchmarks.jar SipCodecBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 -bm avgt -tu ns \
  -rf csv -rff target/sip-codec.csv "$@"

echo
echo "Benchmark                        ns/op (± 99.9% CI)       msgs/s on one core"
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
awk -F, 'NR > 1 && $7 ~ /ns\/op/ {
  name = $1; gsub(/"/, "", name); sub(/.*SipCodecBenchmark\./, "", name)
  printf "%-32s %9.0f (± %5.0f)        %12.0f\n", name, $5, $6, 1e9 / $5
}' target/sip-codec.csv
