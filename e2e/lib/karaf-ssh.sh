# Sourced by e2e/run.sh (and usable by hand: SSH_PORT=8101 . e2e/lib/karaf-ssh.sh).
#
# karaf_ssh <command...>: one Karaf console command over ssh (admin/admin, port $SSH_PORT), its output
# on stdout, Karaf's error text on stderr. The status is the command's, not ssh's: Karaf ends the
# session with 0, or 1 when the command failed, but ssh sometimes ends 255 after printing everything
# (the server closed the connection before the exit status got through), which `set -e`/pipefail in a
# test turned into a silent failure. So a 255 counts as
#   1   when Karaf said the command failed ("Error executing command", "Command not found"),
#   0   when the command got to run (it printed something, or ssh saw the remote close the session),
#   255 when ssh never got a session (connection refused, timed out, authentication failed).
# A reader that stops early (`karaf_ssh ... | grep -q x`) does not make it fail either.
karaf_ssh() {
  local out err st rc
  out=$(mktemp) err=$(mktemp)
  # no -q: at the default log level ssh says "Connection to ... closed by remote host." (filtered below)
  sshpass -p admin ssh -p "${SSH_PORT:-8101}" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@" 2>"$err" | tee "$out" && st=("${PIPESTATUS[@]}") || st=("${PIPESTATUS[@]}")
  rc=${st[0]}
  if [[ $rc == 255 || $rc == 141 ]]; then # 141: ssh got SIGPIPE after the reader (and tee) went away
    if grep -qE 'Error executing command|Command not found' "$err" "$out"; then
      rc=1
    elif [[ -s $out ]] || grep -q 'closed by remote host' "$err"; then
      rc=0
    else
      rc=255
    fi
  fi
  # ssh's own chatter at the default log level; Karaf's messages pass
  grep -vE '^Warning: Permanently added|^Password authentication.?$|closed by remote host|^Connection to .* closed\.' "$err" >&2 || true
  rm -f "$out" "$err"
  return "$rc"
}
