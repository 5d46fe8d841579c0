#!/usr/bin/env bash
# A network namespace for the browser, so Chromium sees a real interface (with loopback only it
# gathers no ICE candidates, which the media tests will need; registration works either way).
#   netns.sh up     (re)create it: veth pair, host side 198.51.100.1/24, inside 198.51.100.2/24, lo up
#   netns.sh down   remove it (ends the processes still inside it, i.e. the browser we started there)
#   netns.sh status show it
# Idempotent: `up` removes a leftover of an earlier run first; `down` is quiet when nothing is there.
# The namespace has no default route on purpose: the browser can reach the gateway on the host
# (198.51.100.1) and nothing else (this workplace allows traffic to 127/8 and to our own namespaces).
# Name and addresses can be overridden: TABPHONE_NETNS, TABPHONE_NETNS_HOST_IP, TABPHONE_NETNS_PEER_IP.
set -euo pipefail
NS=${TABPHONE_NETNS:-tabphone-e2e}
HOST_IP=${TABPHONE_NETNS_HOST_IP:-198.51.100.1}
PEER_IP=${TABPHONE_NETNS_PEER_IP:-198.51.100.2}
PREFIX=24
HOST_IF=${TABPHONE_NETNS_HOST_IF:-tpe2e-host}   # interface names: 15 characters at most
PEER_IF=${TABPHONE_NETNS_PEER_IF:-tpe2e-ns}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qxF -- "$NS"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

down() {
  if ns_exists; then
    # only processes inside our own namespace: the Chromium a test started there
    local pids
    pids=$(as_root ip netns pids "$NS" 2>/dev/null || true)
    if [ -n "$pids" ]; then
      as_root kill $pids 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        [ -z "$(as_root ip netns pids "$NS" 2>/dev/null)" ] && break
        sleep 0.1
      done
      pids=$(as_root ip netns pids "$NS" 2>/dev/null || true)
      [ -n "$pids" ] && as_root kill -9 $pids 2>/dev/null || true
    fi
    as_root ip netns del "$NS"          # deleting the namespace deletes both ends of the veth pair...
  fi
  for _ in $(seq 1 20); do              # ...a moment later
    ip link show "$HOST_IF" >/dev/null 2>&1 || return 0
    sleep 0.05
  done
  as_root ip link del "$HOST_IF" 2>/dev/null || ! ip link show "$HOST_IF" >/dev/null 2>&1
}

up() {
  down
  # another interface holding the host address would make the route ambiguous
  local holder
  holder=$(ip -4 -o addr show | awk -v ip="$HOST_IP" '$4 ~ "^"ip"/" {print $2}' | head -1)
  if [ -n "$holder" ]; then
    echo "netns.sh: $HOST_IP is already on interface $holder; pick another TABPHONE_NETNS_HOST_IP" >&2
    exit 1
  fi
  as_root ip netns add "$NS"
  as_root ip link add "$HOST_IF" type veth peer name "$PEER_IF" netns "$NS"
  as_root ip addr add "$HOST_IP/$PREFIX" dev "$HOST_IF"
  as_root ip link set "$HOST_IF" up
  as_root ip -n "$NS" link set lo up
  as_root ip -n "$NS" addr add "$PEER_IP/$PREFIX" dev "$PEER_IF"
  as_root ip -n "$NS" link set "$PEER_IF" up
  # the veth carries traffic once both ends report a carrier (IPv4 has no DAD to wait for)
  for _ in $(seq 1 50); do
    if ip -n "$NS" link show "$PEER_IF" | grep -q LOWER_UP && ip link show "$HOST_IF" | grep -q LOWER_UP; then
      return 0
    fi
    sleep 0.1
  done
  echo "netns.sh: the veth pair $HOST_IF/$PEER_IF has no carrier" >&2
  exit 1
}

status() {
  if ! ns_exists; then echo "no namespace $NS"; return 0; fi
  echo "namespace $NS"
  ip -4 -o addr show dev "$HOST_IF"
  as_root ip -n "$NS" -4 -o addr show
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
