# Sourced by e2e/tests/browser-*.sh. Installs what the browser tests need when it is missing
# (Debian's chromium, the npm packages of package-lock.json), bundles the page, takes a lock so
# two runs never share the namespace, and brings the namespace up with a trap that removes it.
#   run_browser_test NAME   runs e2e/browser/tests/NAME.mjs with node
BROWSER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export E2E_OUT=${E2E_OUT:-$(cd "$BROWSER_DIR/.." && pwd)/target}
export TABPHONE_NETNS=${TABPHONE_NETNS:-tabphone-e2e}
mkdir -p "$E2E_OUT/browser"

_browser_say() { echo "browser-e2e: $*"; }

_browser_apt() { # _browser_apt <package>...
  [ -n "${_BROWSER_APT_UPDATED:-}" ] || { apt-get update -qq; _BROWSER_APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ "$(id -u)" -ne 0 ]; then
  _browser_say "needs root (network namespace, apt-get)"; exit 1
fi
if [ ! -x /usr/bin/chromium ]; then _browser_say "installing chromium (Debian)"; _browser_apt chromium; fi
command -v ip >/dev/null || { _browser_say "installing iproute2"; _browser_apt iproute2; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  _browser_say "installing nodejs and npm (Debian)"; _browser_apt nodejs npm
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  _browser_say "node $(node --version) is too old: playwright-core needs node 20 or newer"; exit 1
fi

# the lock: one browser test at a time on this machine (they share the namespace and addresses)
exec 8>"${TMPDIR:-/tmp}/tabphone-e2e-browser.lock"
flock -w 180 8 || { _browser_say "another browser test holds the lock for 3 minutes; giving up"; exit 1; }

# npm ci when node_modules is missing or older than the lock file; never a browser download
if [ ! -f "$BROWSER_DIR/node_modules/.package-lock.json" ] || \
   [ "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules/.package-lock.json" ]; then
  _browser_say "npm ci"
  (cd "$BROWSER_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
(cd "$BROWSER_DIR" && node build.mjs)

"$BROWSER_DIR/netns.sh" up
# on exit: remove the namespace, keeping the test's own exit status
trap 'rc=$?; "$BROWSER_DIR/netns.sh" down || echo "browser-e2e: netns.sh down failed" >&2; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_browser_test() {
  node "$BROWSER_DIR/tests/$1.mjs"
}
