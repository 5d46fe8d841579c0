#!/usr/bin/env bash
# Runs the SRTP micro-benchmarks (JMH, org.tabphone.bench.srtp.SrtpBenchmark) on one thread and prints
# µs per protect / unprotect of a 172-byte RTP packet (12-byte header + 160-byte G.711 payload) through
# the media bundle's SrtpSession (jitsi-srtp), for SRTP_AES128_CM_HMAC_SHA1_80 and SRTP_AEAD_AES_128_GCM,
# with jitsi-srtp's AES pinned to OpenSSL and to SunJCE in turn. Goal: at most 1 µs per packet.
# Usage: bench/srtp.sh [extra JMH options, e.g. -prof gc, -p aes=OpenSSL, -p profile=AEAD_AES_128_GCM]
#   JCE=1 bench/srtp.sh    hide jitsi-srtp's native library from the forks (pure JCE: the figures
#                          you get on a machine without OpenSSL 3's libcrypto.so.3)
#   REBUILD=1 bench/srtp.sh  force the build
# Builds target/benchmarks.jar with -Psrtp when it is missing or has no SrtpBenchmark in it; that
# installs the media bundle to ~/.m2 first (without its tests).
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${REBUILD:-0}" == 1 || ! -f target/benchmarks.jar ]] \
   || ! jar tf target/benchmarks.jar | grep 'org/tabphone/bench/srtp/SrtpBenchmark.class' > /dev/null; then
  (cd ../bundles/media && mvn -o -q -B install -DskipTests)
  mvn -o -q -B -Psrtp package
fi

jvm=()
if [[ "${JCE:-0}" == 1 ]]; then
  # JNA unpacks jitsi-srtp's libjitsisrtp_*.so to jna.tmpdir; a directory that cannot exist (under /dev/null) makes that fail, so
  # jitsi falls back to JCE. JNA's own dispatch library is given ready-unpacked instead.
  case "$(uname -m)" in
    x86_64) arch=linux-x86-64 ;; aarch64) arch=linux-aarch64 ;; *) arch="linux-$(uname -m)" ;;
  esac
  mkdir -p target/jna-boot
  (cd target/jna-boot && jar xf ../benchmarks.jar "com/sun/jna/$arch/libjnidispatch.so" \
     && cp "com/sun/jna/$arch/libjnidispatch.so" .)
  jvm=(-jvmArgsAppend "-Djna.boot.library.path=$PWD/target/jna-boot -Djna.tmpdir=/dev/null/jna")
  [[ "$*" == *aes=* ]] || jvm+=(-p aes=SunJCE) # without the native library "OpenSSL" is not there
fi

mkdir -p target
java -jar target/benchmarks.jar SrtpBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 -bm avgt -tu ns \
  -rf csv -rff target/srtp.csv "${jvm[@]}" "$@"

echo
echo "Benchmark   profile                  aes       µs/packet (± 99.9% CI)   packets/s on one core   goal ≤ 1 µs"
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: aes","Param: profile"
awk -F, 'NR > 1 && $7 ~ /ns\/op/ {
  name = $1; gsub(/"/, "", name); sub(/.*SrtpBenchmark\./, "", name)
  aes = $8; gsub(/"/, "", aes); profile = $9; gsub(/"/, "", profile)
  printf "%-11s %-24s %-9s %7.3f (± %6.3f)          %12.0f           %s\n", name, profile, aes,
         $5 / 1000, $6 / 1000, 1e9 / $5, ($5 <= 1000 ? "ok" : "MISSED")
}' target/srtp.csv
