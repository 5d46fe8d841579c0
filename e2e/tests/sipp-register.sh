#!/usr/bin/env bash
# sipp, a SIP peer nobody here wrote, registers 100 users with digest over UDP and over TCP to a
# tenant added live (a new .cfg dropped into etc/), and a wrong password is refused.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../sipp" && pwd)
OUT="$E2E_OUT/sipp"
mkdir -p "$OUT"
USERS=100
"$HERE/make-tenant.sh" "$GATEWAY_HOME/etc" load load.tabphone.test 2000 "$USERS" "$OUT/users.csv"
printf 'SEQUENTIAL\n2000;[authentication username=2000 password=pw2000];load.tabphone.test\n' >"$OUT/one.csv"
printf 'SEQUENTIAL\n2001;[authentication username=2001 password=wrong];load.tabphone.test\n' >"$OUT/wrong.csv"

run_sipp() { # run_sipp <name> <scenario> <transport: u1|t1> <calls> <csv> [extra args]
  local name=$1 scenario=$2 transport=$3 calls=$4 csv=$5; shift 5
  (cd "$OUT" && timeout 60 sipp 127.0.0.1:"$SIP_UDP_PORT" -p 0 -sf "$HERE/$scenario" -inf "$csv" -t "$transport" \
    -m "$calls" -r 200 -l 50 -nostdin -timeout 30s -recv_timeout 5s \
    -trace_stat -stf "$name.stats.csv" -trace_err -error_file "$name.errors.log" "$@" >"$name.out" 2>&1)
}

# the new tenant is live within a few seconds (FileInstall polls every second)
for i in $(seq 1 20); do
  if run_sipp probe register-digest.xml u1 1 "$OUT/one.csv"; then break; fi
  [ "$i" -eq 20 ] && { echo "tenant 'load' never became live"; cat "$OUT/probe.errors.log" 2>/dev/null | tail -20; exit 1; }
  sleep 0.5
done

for transport in u1 t1; do
  start=$(date +%s%N)
  if ! run_sipp "register-$transport" register-digest.xml "$transport" "$USERS" "$OUT/users.csv"; then
    echo "sipp $transport: failures"; tail -30 "$OUT/register-$transport.errors.log" 2>/dev/null; exit 1
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "sipp $transport: $USERS registrations with digest, all 200, in $ms ms"
done

if ! run_sipp wrong register-wrong-password.xml u1 1 "$OUT/wrong.csv"; then
  echo "a wrong password was not answered 401"; tail -20 "$OUT/wrong.errors.log" 2>/dev/null; exit 1
fi
echo "sipp: a wrong password got 401 again"
rm -f "$GATEWAY_HOME/etc/org.tabphone.tenant-load.cfg"
