#!/usr/bin/env bash
# Heap retained per finished SIP transaction, per kind (INVITE/non-INVITE, server/client, the states
# that wait out RFC 3261 / RFC 6026 timers): N transactions through sip-core's real transaction
# layer, heap after a full GC before and after, divided by N; median of rounds.
# Usage: bench/sip-transactions.sh [N (20000)] [rounds (3)] [--histogram]
#   --histogram also prints, per kind, the classes that grew (instances and bytes per transaction).
# Builds target/benchmarks.jar first if it is missing or older than this benchmark's source.
set -euo pipefail
cd "$(dirname "$0")"

SRC=src/main/java/org/tabphone/bench/sip/TransactionFootprint.java
if [[ ! -f target/benchmarks.jar || $SRC -nt target/benchmarks.jar ]]; then
  (cd ../bundles/sip-core && mvn -o -q install -DskipTests)
  mvn -o -q package
fi

# Serial GC: "used after System.gc()" is exact with it; G1 gives the same figures within 0.5 %.
exec java -Xms1g -Xmx1g -XX:+UseSerialGC -cp target/benchmarks.jar org.tabphone.bench.sip.TransactionFootprint "$@"
