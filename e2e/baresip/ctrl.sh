#!/usr/bin/env bash
# A client for baresip's ctrl_tcp module (netstring-framed JSON on 127.0.0.1:PORT).
#   ctrl.sh PORT COMMAND [PARAMS...]      runs one command, prints its answer text ("data");
#                                         exit 0 when baresip says ok, 1 when not, 2 when unreachable
#   ctrl.sh PORT --events SECONDS [COMMAND [PARAMS...]]
#                                         (runs COMMAND, then) prints every event for SECONDS
#   ctrl.sh PORT --wait TYPE SECONDS [COMMAND [PARAMS...]]
#                                         (runs COMMAND, then) prints events until one of TYPE
#                                         (e.g. CALL_ESTABLISHED, CALL_CLOSED); exit 1 if none came
# Commands are the menu module's long commands, e.g.:
#   ctrl.sh 4470 dial sip:1003@baresip.tabphone.test     ctrl.sh 4470 hangup     ctrl.sh 4470 quit
#   ctrl.sh 4470 reginfo    ctrl.sh 4470 listcalls    ctrl.sh 4470 callstat    ctrl.sh 4470 accept
#   ctrl.sh 4470 --wait CALL_ESTABLISHED 5 dial sip:1003@baresip.tabphone.test
# baresip 1.0's ctrl_tcp keeps ONE connection: a new client drops the previous one, and events go
# only to the current one. So wait for an event on the connection that sent the command (--wait),
# and don't use ctrl.sh on a phone a Node test drives (lib/baresip.mjs holds its connection).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
exec python3 - "$@" <<'PY'
import json, socket, sys, time
args = sys.argv[1:]
port = int(args.pop(0))
mode, until_type, seconds = 'cmd', None, 0.0
if args[0] == '--events':
    mode, seconds, args = 'events', float(args[1]), args[2:]
elif args[0] == '--wait':
    mode, until_type, seconds, args = 'wait', args[1], float(args[2]), args[3:]
try:
    s = socket.create_connection(('127.0.0.1', port), timeout=3)
except OSError as e:
    print(f'ctrl.sh: no baresip ctrl_tcp on 127.0.0.1:{port}: {e}', file=sys.stderr); sys.exit(2)
buf = b''
def messages(deadline):
    global buf
    while True:
        while True:   # netstring: <len>:<payload>,
            i = buf.find(b':')
            if i < 0: break
            n = int(buf[:i]); end = i + 1 + n
            if len(buf) < end + 1: break
            payload, buf = buf[i + 1:end], buf[end + 1:]
            yield json.loads(payload)
        left = deadline - time.time()
        if left <= 0: return
        s.settimeout(left)
        try:
            d = s.recv(65536)
        except socket.timeout:
            return
        if not d: return
        buf += d
rc = 0
if args:
    cmd, params = args[0], ' '.join(args[1:])
    req = {'command': cmd, 'token': 'ctrl.sh'}
    if params: req['params'] = params
    body = json.dumps(req).encode()
    s.sendall(str(len(body)).encode() + b':' + body + b',')
    answered = False
    early = []   # events that come before the answer
    for m in messages(time.time() + 5):
        if m.get('response'):
            data = str(m.get('data', ''))
            print(data, end='' if data.endswith('\n') else '\n', file=sys.stdout if mode == 'cmd' else sys.stderr)
            rc, answered = (0 if m.get('ok') else 1), True
            break
        early.append(m)
    if not answered:
        print(f'ctrl.sh: no answer to {cmd} within 5 s', file=sys.stderr); sys.exit(2)
    if mode == 'cmd':
        sys.exit(rc)
    buf = b''.join(str(len(x)).encode() + b':' + x + b',' for x in (json.dumps(e).encode() for e in early)) + buf
deadline = time.time() + seconds
for m in messages(deadline):
    if not m.get('event'): continue
    print(json.dumps(m), flush=True)
    if until_type and m.get('type') == until_type:
        sys.exit(0)
    if until_type and m.get('type') == 'CALL_CLOSED':   # what it waits for will not come
        print(f'ctrl.sh: the call closed ({m.get("param")}) before {until_type}', file=sys.stderr); sys.exit(1)
if until_type:
    print(f'ctrl.sh: no {until_type} event within {seconds:g} s', file=sys.stderr); sys.exit(1)
sys.exit(rc)
PY
