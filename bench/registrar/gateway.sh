# Sourced by the registrar benchmarks: a private gateway for benchmarking, away from run/ and the
# e2e ports. Unpacks the built assembly into bench/registrar/target/gateway (git-ignored) once,
# moves every port, makes a WSS keystore, and starts/stops Karaf in server mode.
#
# Environment (all optional):
#   GW_HOME       where the gateway lives (default bench/registrar/target/gateway)
#   GW_HEAP       heap options for the gateway JVM (default "-Xms1g -Xmx2g")
#   GW_JAVA_OPTS  more JVM options (appended)
#   GW_FRESH=1    unpack the assembly again (drops tenants made by earlier runs)
#   SIP_MAX_TRANSACTIONS  override org.tabphone.sip max.transactions (default: the shipped value)
#   REGISTRAR_LOG_LEVEL   e.g. WARN to silence the registrar's one INFO line per REGISTER (default: shipped INFO)

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
ASSEMBLY=${ASSEMBLY:-$REPO_DIR/karaf-assembly/target/tabphone-karaf-0.1.0-SNAPSHOT.tar.gz}
GW_HOME=${GW_HOME:-$BENCH_DIR/target/gateway}
GW_HEAP=${GW_HEAP:-"-Xms1g -Xmx2g"}
SIP_PORT=15060
TLS_PORT=15061
WS_PORT=18080
WSS_PORT=18443
SSH_PORT=18101
RMI_REGISTRY_PORT=11099
RMI_SERVER_PORT=14444

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Root may raise its own hard limit; otherwise take the hard limit. Children (Karaf, node) inherit it.
raise_nofile() {
  local want=${1:-65536}
  ulimit -Hn "$want" 2>/dev/null || true
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  log "open files limit: $(ulimit -n)"
}

gw_set() { # gw_set <file> <key> <value>: replace "key = ..." (commented or not) or append it
  local file=$1 key=$2 value=$3
  if grep -Eq "^#?[[:space:]]*${key//./\\.}[[:space:]]*=" "$file"; then
    sed -i -E "s|^#?[[:space:]]*${key//./\\.}[[:space:]]*=.*|$key = $value|" "$file"
  else
    printf '%s = %s\n' "$key" "$value" >>"$file"
  fi
}

gw_prepare() {
  [[ -f $ASSEMBLY ]] || { echo "assembly $ASSEMBLY is missing: build it first (./tabphone build); not building it here" >&2; exit 2; }
  if [[ ${GW_FRESH:-0} == 1 || ! -x $GW_HOME/bin/karaf ]]; then
    gw_stop
    rm -rf "$GW_HOME"
    mkdir -p "$GW_HOME"
    tar xzf "$ASSEMBLY" -C "$GW_HOME" --strip-components=1
    log "unpacked $(basename "$ASSEMBLY") into $GW_HOME"
  fi
  local etc=$GW_HOME/etc
  gw_set "$etc/org.tabphone.transport.cfg" udp.port $SIP_PORT
  gw_set "$etc/org.tabphone.transport.cfg" tcp.port $SIP_PORT
  gw_set "$etc/org.tabphone.transport.cfg" tls.port $TLS_PORT
  gw_set "$etc/org.tabphone.transport.cfg" ws.port $WS_PORT
  gw_set "$etc/org.tabphone.transport.cfg" wss.port $WSS_PORT
  gw_set "$etc/org.tabphone.transport.cfg" public.address 127.0.0.1
  gw_set "$etc/org.apache.karaf.shell.cfg" sshPort $SSH_PORT
  gw_set "$etc/org.apache.karaf.management.cfg" rmiRegistryPort $RMI_REGISTRY_PORT
  gw_set "$etc/org.apache.karaf.management.cfg" rmiServerPort $RMI_SERVER_PORT
  # max.transactions: the shipped value unless asked otherwise (restore it from the assembly)
  local shipped
  shipped=$(tar xzf "$ASSEMBLY" -O --wildcards '*/etc/org.tabphone.sip.cfg' | sed -nE 's/^max\.transactions[[:space:]]*=[[:space:]]*//p')
  gw_set "$etc/org.tabphone.sip.cfg" max.transactions "${SIP_MAX_TRANSACTIONS:-$shipped}"
  if [[ -n ${REGISTRAR_LOG_LEVEL:-} ]]; then
    gw_set "$etc/org.ops4j.pax.logging.cfg" log4j2.logger.benchregistrar.name org.tabphone.registrar
    gw_set "$etc/org.ops4j.pax.logging.cfg" log4j2.logger.benchregistrar.level "$REGISTRAR_LOG_LEVEL"
  else
    sed -i '/^log4j2\.logger\.benchregistrar\./d' "$etc/org.ops4j.pax.logging.cfg"
  fi
  local p12=$etc/tabphone/tls/gateway.p12
  if [[ ! -f $p12 ]]; then
    mkdir -p "$(dirname "$p12")"
    keytool -genkeypair -alias gateway -keyalg EC -groupname secp256r1 -dname CN=bench -storetype PKCS12 \
      -keystore "$p12" -storepass changeit -keypass changeit -validity 3650 >/dev/null 2>&1
    log "made WSS keystore $p12"
  fi
}

# gw_tenant <name> <domain> <first user> <count> <csv out> <max.registrations>: uses the e2e helper
# (digest.algorithms = MD5), then raises the tenant's registration limit. Skipped when the tenant
# already has exactly these users.
gw_tenant() {
  local name=$1 domain=$2 first=$3 count=$4 csv=$5 maxreg=$6
  local cfg=$GW_HOME/etc/org.tabphone.tenant-$name.cfg users=$GW_HOME/etc/tabphone/$name.users
  local stamp="$domain $first $count"
  if [[ -f $cfg && -f $csv && -f $users.bench && $(cat "$users.bench") == "$stamp" ]]; then
    gw_set "$cfg" max.registrations "$maxreg"
    return
  fi
  log "making tenant $name: $count users from $first in $domain (the e2e helper forks md5sum per user: ~$((count / 400 + 1)) s)"
  "$REPO_DIR/e2e/sipp/make-tenant.sh" "$GW_HOME/etc" "$name" "$domain" "$first" "$count" "$csv"
  gw_set "$cfg" max.registrations "$maxreg"
  echo "$stamp" >"$users.bench"
}

gw_pid() {
  local pid
  pid=$(cat "$GW_HOME/karaf.pid" 2>/dev/null) || return 1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

gw_start() {
  if gw_pid >/dev/null; then
    log "gateway already running (pid $(gw_pid))"
    return
  fi
  rm -f "$GW_HOME/karaf.pid"
  mkdir -p "$GW_HOME/data/log"
  log "starting gateway: EXTRA_JAVA_OPTS=\"$GW_HEAP ${GW_JAVA_OPTS:-}\", open files $(ulimit -n)"
  # exec: no shell of ours stays behind holding the caller's stdout/stderr open
  (cd "$GW_HOME" || exit 1
   export EXTRA_JAVA_OPTS="$GW_HEAP ${GW_JAVA_OPTS:-}"
   exec setsid bin/karaf server >"$GW_HOME/data/log/bench-console.out" 2>&1 </dev/null) >/dev/null 2>&1 &
  local i
  for ((i = 0; i < 120; i++)); do
    if gw_pid >/dev/null && ss -lnu | grep -q ":$SIP_PORT " && ss -lnt | grep -q ":$WSS_PORT " \
        && ss -lnt | grep -q ":$SSH_PORT "; then
      log "gateway up (pid $(gw_pid)) after ${i}s: UDP $SIP_PORT, WSS $WSS_PORT, ssh $SSH_PORT"
      sleep 2
      return
    fi
    sleep 1
  done
  echo "gateway did not come up in 120 s; see $GW_HOME/data/log/karaf.log" >&2
  tail -20 "$GW_HOME/data/log/karaf.log" >&2 || true
  exit 1
}

gw_stop() {
  local pid i
  pid=$(gw_pid) || return 0
  log "stopping gateway pid $pid"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  kill -9 "$pid" 2>/dev/null || true
}

gw_shell() { # gw_shell <karaf command...>
  sshpass -p admin ssh -q -p $SSH_PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o LogLevel=ERROR admin@127.0.0.1 "$@"
}

gw_jmx() { # gw_jmx <attribute>...: prints "Registrations.Count=...", "Transports.Transactions=..." ...
  java "$BENCH_DIR/JmxGet.java" "service:jmx:rmi:///jndi/rmi://127.0.0.1:$RMI_REGISTRY_PORT/karaf-root" "$@"
}

# CPU ticks (utime+stime) of a process; fields 14 and 15 of /proc/<pid>/stat after the "(comm)".
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
