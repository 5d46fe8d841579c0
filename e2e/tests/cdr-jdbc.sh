#!/usr/bin/env bash
# Issue 10: 100 sipp calls → 100 CDRs with correct fields, in the embedded store and in PostgreSQL.
# Starts its own PostgreSQL (e2e/cdr/postgres.sh: Debian's postgresql-15 on 127.0.0.1 and a free
# port, SCRAM password) and points the running gateway's CDR sink at it live (a config:edit session
# on org.tabphone.cdr); the sink first copies every record the store already has. Then a sipp UAC
# makes 100 calls through the B2BUA to a sipp UAS registered (MD5 digest) in a tenant added live;
# PostgreSQL is killed (-m immediate) while they run: the calls and the store go on, tabphone:cdr-sink
# and JMX show RETRYING, the last error and records waiting; started again, the sink catches up.
# e2e/cdr/check-jdbc.py then checks the 100 records' fields in the store (and tabphone:cdrs), that
# the table holds every store record exactly once with matching columns, and the hash chain and the
# tenant's signatures from the table alone. Removing jdbc.url switches the sink off, live. Logs in $E2E_OUT/cdr-jdbc/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$E2E_OUT/cdr-jdbc"
rm -rf "$OUT" && mkdir -p "$OUT"
CALLS=100 RATE=25
TENANT=cdrdb DOMAIN=cdrdb.tabphone.test CALLEE=7100
UAS_PORT=15280 UAC_PORT=15290 # outside the gateway's media range (20000-29999)
CFG="$GATEWAY_HOME/etc/org.tabphone.tenant-$TENANT.cfg" USERS="$GATEWAY_HOME/etc/tabphone/$TENANT.users"
STORE="$GATEWAY_HOME/data/tabphone/cdr"
type karaf_ssh >/dev/null 2>&1 || karaf_ssh() {
  sshpass -p admin ssh -q -p "${SSH_PORT:-8101}" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}
say() { echo "cdr-jdbc: $*"; }
fail() { say "FAIL — $*"; karaf_ssh tabphone:cdr-sink 2>/dev/null | tr -d '\r' | sed 's/^/cdr-jdbc:   /' || true; exit 1; }
command -v sipp >/dev/null || fail "sipp missing (apt-get install sip-tester)"
. "$HERE/cdr/postgres.sh"

# JMX attributes through Karaf's RMI connector (the same JmxGet the memory test uses)
JMX_URL="service:jmx:rmi:///jndi/rmi://127.0.0.1:$(sed -nE 's/^rmiRegistryPort *= *//p' "$GATEWAY_HOME/etc/org.apache.karaf.management.cfg")/karaf-root"
javac -d "$OUT/classes" "$ROOT/bench/registrar/JmxGet.java"
jmx() { java -cp "$OUT/classes" JmxGet "$JMX_URL" "$@" | cut -d= -f2- | tr '\n' ' ' | sed 's/ $//'; }

UAS_PID="" UAC_PID=""
tenant_users() { karaf_ssh tabphone:tenants 2>/dev/null | awk -F'|' -v t="$TENANT" '$1 ~ "^ *" t " *$" { gsub(/ /, "", $5); print $5 }'; }
cleanup() {
  [ -n "$UAC_PID" ] && kill "$UAC_PID" 2>/dev/null || true
  [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null || true
  # one edit session, one update (quick successive updates of one PID can overtake each other on the
  # way through FileInstall's write-back of the .cfg)
  karaf_ssh "config:edit org.tabphone.cdr; config:property-delete jdbc.url; config:property-delete jdbc.user;
    config:property-delete jdbc.password; config:property-delete jdbc.retry.max.seconds; config:update" >/dev/null 2>&1 || true
  rm -f "$CFG" "$USERS"
  for _ in $(seq 1 20); do [ -z "$(tenant_users)" ] && break; sleep 0.5; done
  pg_destroy
}
trap cleanup EXIT

sink_field() { karaf_ssh tabphone:cdr-sink 2>/dev/null | tr -d '\r' | sed -nE "s/^ *$1 +//p" | head -1; }
sink_state() { karaf_ssh tabphone:cdr-sink 2>/dev/null | tr -d '\r' | sed -nE 's/^CDR database sink: ([A-Z]+).*/\1/p'; }
waiting() { sink_field waiting | awk '{ print $1 }'; }
# wait_for <seconds> <what> <command...>: until the command succeeds
wait_for() {
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@"; do [ $SECONDS -lt $end ] || fail "not within ${limit}s: $what"; sleep 0.3; done
}

t0=$SECONDS
pg_init && pg_up || fail "PostgreSQL did not start"
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$PG_PORT ($PG_DIR)"

"$HERE/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" "$TENANT" "$DOMAIN" "$CALLEE" 1 "$OUT/callee.csv"
wait_for 20 "tenant $TENANT listing its user" eval '[ "$(tenant_users)" = 1 ]'
(cd "$OUT" && timeout 20 sipp 127.0.0.1:"$SIP_UDP_PORT" -i 127.0.0.1 -p $UAS_PORT -t u1 -sf "$HERE/sipp/register-digest.xml" \
  -inf "$OUT/callee.csv" -m 1 -nostdin -recv_timeout 2s -timeout 10s >register.out 2>&1) || fail "callee did not register (see $OUT/register.out)"
(cd "$OUT" && exec sipp -sf "$ROOT/bench/calls/uas-answer.xml" -s "$CALLEE" -i 127.0.0.1 -p $UAS_PORT -t u1 -nd -nostdin \
  -trace_err -error_file uas.errors.log >uas.out 2>&1) &
UAS_PID=$!

# the store's newest record ("... N records in the store" of tabphone:cdrs)
store_last() { karaf_ssh "tabphone:cdrs -n 1" 2>/dev/null | tr -d '\r' | sed -nE 's/.* ([0-9]+) records in the store.*/\1/p'; }
# how many of the tenant's newest records in tabphone:cdrs are numbered after $before
ours_in_shell() {
  karaf_ssh "tabphone:cdrs -t $TENANT -n $((CALLS * 2))" 2>/dev/null | tr -d '\r' | grep "$DOMAIN" \
    | awk -F'|' -v b="$before" '$1 + 0 > b' | wc -l
}
before=$(store_last)
[ -n "$before" ] || fail "no record count from tabphone:cdrs"

# point the sink at the database, live; it creates the table and copies what the store has
karaf_ssh "config:edit org.tabphone.cdr; config:property-set jdbc.user $PG_USER; config:property-set jdbc.password $PG_PASSWORD;
  config:property-set jdbc.retry.max.seconds 2; config:property-set jdbc.url $PG_URL; config:update" >/dev/null
wait_for 30 "the sink connected with nothing waiting" eval '[ "$(sink_state)" = CONNECTED ] && [ "$(waiting)" = 0 ]'
say "sink connected live; the $before records already in the store copied in $((SECONDS - t0))s since the start of the test"
[ "$(pg_sql "SELECT count(*) FROM cdr")" = "$before" ] || fail "the table has $(pg_sql "SELECT count(*) FROM cdr") rows for $before records"

# 100 calls; PostgreSQL dies while they run
(cd "$OUT" && exec timeout 60 sipp 127.0.0.1:"$SIP_UDP_PORT" -i 127.0.0.1 -p $UAC_PORT -t u1 -nd -nostdin \
  -sf "$ROOT/bench/calls/uac-call.xml" -s "$CALLEE" -key domain "$DOMAIN" -r $RATE -m $CALLS -l 50 \
  -recv_timeout 5s -timeout 50s -trace_stat -stf calls.stats.csv -fd 1 -trace_err -error_file uac.errors.log >uac.out 2>&1) &
UAC_PID=$!
in_db() { pg_sql "SELECT count(*) FROM cdr WHERE tenant = '$TENANT' AND seq > $before" 2>/dev/null || echo 0; }
wait_for 20 "some of the calls in the table" eval '[ "$(in_db)" -ge 20 ]'
exported_before_kill=$(in_db)
pg_down
say "PostgreSQL killed with $(($(store_last) - before)) of the calls in the store, at least $exported_before_kill in the table"
wait_for 20 "the sink retrying after the kill" eval '[ "$(sink_state)" = RETRYING ]'
rc=0; wait "$UAC_PID" || rc=$?; UAC_PID=""
read -r ok failed < <(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
  END { split(last, f, ";"); print f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]] }' "$OUT/calls.stats.csv")
[ "$ok" = "$CALLS" ] && [ "$failed" = 0 ] || fail "sipp: $ok calls ok, $failed failed (exit $rc; see $OUT/uac.errors.log)"
wait_for 10 "$CALLS records in the store (tabphone:cdrs)" eval '[ "$(ours_in_shell)" = $CALLS ]'
karaf_ssh tabphone:cdr-sink 2>/dev/null | tr -d '\r' >"$OUT/sink-down.txt"
behind=$(waiting)
error=$(sink_field "last error")
jmx_down=$(jmx CdrSink.State CdrSink.Queued)
[ "${behind:-0}" -gt 0 ] || fail "nothing waiting for the dead database"
[ -n "$error" ] && [ "$error" != "-" ] || fail "no last error while the database is down"
[ "$jmx_down" = "RETRYING $behind" ] || fail "JMX CdrSink State/Queued: '$jmx_down', the shell said RETRYING / $behind"
say "$ok calls ok; database down: RETRYING, $behind records waiting, last error: $error"

pg_up || fail "PostgreSQL did not start again"
t1=$SECONDS
wait_for 20 "the sink caught up" eval '[ "$(sink_state)" = CONNECTED ] && [ "$(waiting)" = 0 ]'
say "PostgreSQL back: caught up in $((SECONDS - t1))s ($(sink_field exported))"
[ "$(jmx CdrSink.Connected CdrSink.Queued)" = "true 0" ] && [ -z "$(jmx CdrSink.LastError)" ] \
  || fail "JMX after catching up: Connected, Queued, LastError = $(jmx CdrSink.Connected CdrSink.Queued CdrSink.LastError)"

karaf_ssh tabphone:cdr-key 2>/dev/null | tr -d '\r' >"$OUT/cdr.pub.pem"
pg_sql "$(python3 "$HERE/cdr/check-jdbc.py" --sql)" >"$OUT/rows.txt"
python3 "$HERE/cdr/check-jdbc.py" "$STORE" "$OUT/rows.txt" "$OUT/cdr.pub.pem" "$TENANT" "$before" "$CALLS" \
  "sip:$CALLEE@$DOMAIN" || fail "see above ($OUT/rows.txt)"
verify=$(karaf_ssh tabphone:cdr-verify 2>/dev/null | tr -d '\r')
grep -q "CDR store OK" <<<"$verify" || fail "$verify"
# an empty jdbc.url switches the copy off, live
karaf_ssh "config:property-delete -p org.tabphone.cdr jdbc.url" >/dev/null
wait_for 10 "the sink OFF after jdbc.url was removed" eval '[ "$(sink_state)" = OFF ]'
say "$verify; the sink is OFF again; ${SECONDS}s in all"
