#!/usr/bin/env bash
# Playwright's executablePath: runs Debian's Chromium inside the test's network namespace.
#
# Why a wrapper rather than launching Chromium ourselves with --remote-debugging-port and
# chromium.connectOverCDP: `ip netns exec` execs Chromium in place, so it keeps the pipes that
# Playwright talks over (--remote-debugging-pipe, fds 3 and 4) and the pid Playwright watches.
# Playwright thus still owns the browser's life (a fresh --user-data-dir it deletes afterwards,
# the kill when a test dies), and no TCP debugging port has to be picked, polled and reached
# across the namespace boundary.
#
# Playwright passes its own --disable-features/--enable-features lists and we pass ours
# (WebRtcHideLocalIpsWithMdns); Chromium keeps only the last of a repeated switch, so the lists
# are merged here into one switch each.
set -euo pipefail
NS=${TABPHONE_NETNS:-tabphone-e2e}
CHROMIUM=${TABPHONE_CHROMIUM:-/usr/bin/chromium}
args=() disable=() enable=()
for a in "$@"; do
  case "$a" in
    --disable-features=*) disable+=("${a#--disable-features=}") ;;
    --enable-features=*) enable+=("${a#--enable-features=}") ;;
    *) args+=("$a") ;;
  esac
done
join() { local IFS=,; echo "$*"; }
[ ${#disable[@]} -gt 0 ] && args+=("--disable-features=$(join "${disable[@]}")")
[ ${#enable[@]} -gt 0 ] && args+=("--enable-features=$(join "${enable[@]}")")
# needs root (as the tests and CI run); sudo would close the pipes above fd 2
exec ip netns exec "$NS" "$CHROMIUM" "${args[@]}"
