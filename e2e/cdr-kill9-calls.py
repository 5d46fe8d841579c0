#!/usr/bin/env python3
"""Answered calls through the gateway over UDP, then kill -9 of the gateway's JVM in the middle of them.

    cdr-kill9-calls.py <gateway udp port> <pid to kill, or 0> <seconds before the kill> <out file> [<prefix>]
A callee registers 1002 (MD5 digest) and answers every INVITE; two callers call 1002 in a loop
(INVITE, 200, ACK, BYE, 200), each call with its own caller URI sip:<prefix>-<n>@127.0.0.1 (prefix
k9 unless given). After the
given seconds the gateway is killed with SIGKILL while calls are up. <out file> gets one line per
call whose BYE was answered ("finished"): "<caller user> <ms between its 200 for BYE and the kill>".
Pid 0: no kill; runs for the given seconds and stops.
"""
import hashlib, itertools, os, re, signal, socket, sys, threading, time

PORT, PID, SECONDS, OUT = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
PREFIX = sys.argv[5] if len(sys.argv) > 5 else "k9"
GW = ("127.0.0.1", PORT)
DOMAIN = "demo.tabphone.test"
SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
branches = itertools.count()
numbers = itertools.count()
stop = threading.Event()
finished = []  # (user, monotonic time the BYE's 200 arrived)
lock = threading.Lock()


def sock():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(0.2)
    return s


def via(s):
    return f"Via: SIP/2.0/UDP 127.0.0.1:{s.getsockname()[1]};rport;branch=z9hG4bK-k9-{next(branches)}"


def header(msg, name):
    m = re.search(r"(?mi)^" + name + r":\s*(.*?)\r$", msg)
    return m.group(1) if m else ""


def expect(s, prefix, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stop.is_set():
        try:
            data, _ = s.recvfrom(65536)
        except socket.timeout:
            continue
        m = data.decode(errors="replace")
        if m.startswith(prefix):
            return m
    return None


def with_body(msg, body):
    if body is None:
        return msg + "Content-Length: 0\r\n\r\n"
    return msg + f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n" + body


def response(req, code, reason, tag, extra="", body=None):
    lines = [f"SIP/2.0 {code} {reason}"]
    for line in req.split("\r\n"):
        if not line:
            break
        low = line.lower()
        if low.startswith(("via:", "from:", "call-id:", "cseq:")):
            lines.append(line)
        elif low.startswith("to:"):
            lines.append(line if ";tag=" in line or tag is None else line + ";tag=" + tag)
    return with_body("\r\n".join(lines) + "\r\n" + extra, body)


def register(s, user, password):
    port = s.getsockname()[1]
    base = (f"REGISTER sip:{DOMAIN} SIP/2.0\r\n{{via}}\r\nMax-Forwards: 70\r\nTo: <sip:{user}@{DOMAIN}>\r\n"
            f"From: <sip:{user}@{DOMAIN}>;tag=r{port}\r\nCall-ID: k9-reg-{port}\r\nCSeq: {{cseq}} REGISTER\r\n"
            f"Contact: <sip:{user}@127.0.0.1:{port}>\r\n{{auth}}Content-Length: 0\r\n\r\n")
    s.sendto(base.format(via=via(s), cseq=1, auth="").encode(), GW)
    challenge = expect(s, "SIP/2.0 401") or sys.exit("no 401 to REGISTER")
    m = re.search(r'WWW-Authenticate: Digest realm="([^"]+)", nonce="([^"]+)", algorithm=MD5', challenge)
    realm, nonce = m.group(1), m.group(2)
    md5 = lambda x: hashlib.md5(x.encode()).hexdigest()
    uri = f"sip:{DOMAIN}"
    resp = md5(f"{md5(f'{user}:{realm}:{password}')}:{nonce}:00000001:c0ffee:auth:{md5(f'REGISTER:{uri}')}")
    auth = (f'Authorization: Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
            f'response="{resp}", algorithm=MD5, qop=auth, nc=00000001, cnonce="c0ffee"\r\n')
    s.sendto(base.format(via=via(s), cseq=2, auth=auth).encode(), GW)
    expect(s, "SIP/2.0 200") or sys.exit("REGISTER not accepted")


def callee(s):
    port = s.getsockname()[1]
    while not stop.is_set():
        try:
            data, src = s.recvfrom(65536)
        except socket.timeout:
            continue
        m = data.decode(errors="replace")
        if m.startswith("INVITE "):
            tag = "c" + str(next(numbers))
            s.sendto(response(m, 180, "Ringing", tag).encode(), src)
            s.sendto(response(m, 200, "OK", tag, f"Contact: <sip:1002@127.0.0.1:{port}>\r\n",
                              SDP.format(50000)).encode(), src)
        elif m.startswith("BYE "):
            s.sendto(response(m, 200, "OK", None).encode(), src)


def in_dialog(s, method, cseq, ok, call_id):
    target = re.sub(r"^.*<([^>]+)>.*$", r"\1", header(ok, "Contact"))
    return with_body(f"{method} {target} SIP/2.0\r\n{via(s)}\r\nMax-Forwards: 70\r\nTo: {header(ok, 'To')}\r\n"
                     f"From: {header(ok, 'From')}\r\nCall-ID: {call_id}\r\nCSeq: {cseq} {method}\r\n", None)


def caller():
    s = sock()
    port = s.getsockname()[1]
    while not stop.is_set():
        user = f"{PREFIX}-{next(numbers)}"
        call_id = f"{user}-{time.time()}"
        s.sendto(with_body(f"INVITE sip:1002@{DOMAIN} SIP/2.0\r\n{via(s)}\r\nMax-Forwards: 70\r\n"
                           f"To: <sip:1002@{DOMAIN}>\r\nFrom: <sip:{user}@127.0.0.1>;tag=a-{user}\r\n"
                           f"Call-ID: {call_id}\r\nCSeq: 1 INVITE\r\nContact: <sip:{user}@127.0.0.1:{port}>\r\n",
                           SDP.format(40000)).encode(), GW)
        ok = expect(s, "SIP/2.0 200")
        if ok is None:
            continue
        s.sendto(in_dialog(s, "ACK", 1, ok, call_id).encode(), GW)
        s.sendto(in_dialog(s, "BYE", 2, ok, call_id).encode(), GW)
        if expect(s, "SIP/2.0 200") is not None:
            with lock:
                finished.append((user, time.monotonic()))


b = sock()
register(b, "1002", "demo1002")
threads = [threading.Thread(target=callee, args=(b,), daemon=True)]
threads += [threading.Thread(target=caller, daemon=True) for _ in range(2)]
for t in threads:
    t.start()
time.sleep(SECONDS)
killed = time.monotonic()
if PID:
    os.kill(PID, signal.SIGKILL)
stop.set()
for t in threads:
    t.join(2)
with lock, open(OUT, "w") as f:
    for user, at in finished:
        f.write(f"{user} {int((killed - at) * 1000)}\n")
print(f"{len(finished)} calls finished before the kill", flush=True)
