#!/usr/bin/env python3
"""Sends one REGISTER or INVITE from a chosen source address and prints the final status code.

    acl-probe.py <udp|tcp|tls|ws|wss> <source ip> <gateway ip> <REGISTER|INVITE> [domain [realm]]
Prints the first final (>= 200) status code, or "timeout" when none comes within 3 s (a silent
drop, or a closed connection); with "realm" as last argument, the code and the challenge's realm
(which tenant answered: the fallback tenant takes unknown domains too). Environment:
ACL_PROBE_UA sets the User-Agent, ACL_PROBE_XFF an X-Forwarded-For header on the WS/WSS handshake. Used by the access-control e2e test: 401/407 mean the request
passed the access rules (the registrar or the B2BUA challenged it), 403 that it was denied.
No digest: the point is only which layer answered.
"""
import base64, os, random, socket, ssl, sys, time

transport, source, gateway, method = sys.argv[1:5]
domain = sys.argv[5] if len(sys.argv) > 5 else "demo.tabphone.test"
show_realm = len(sys.argv) > 6 and sys.argv[6] == "realm"
ports = {"udp": 5060, "tcp": 5060, "tls": 5061, "ws": 8080, "wss": 8443}
port = int(os.environ.get("SIP_" + transport.upper() + "_PORT", ports[transport]))
via = {"udp": "UDP", "tcp": "TCP", "tls": "TLS", "ws": "WS", "wss": "WSS"}[transport]
tag = "%08x" % random.getrandbits(32)


def request(local_port):
    ruri = "sip:" + domain if method == "REGISTER" else "sip:1002@" + domain
    lines = [
        f"{method} {ruri} SIP/2.0",
        f"Via: SIP/2.0/{via} {source}:{local_port};rport;branch=z9hG4bK-acl{tag}",
        "Max-Forwards: 70",
        f"From: <sip:1001@{domain}>;tag={tag}",
        f"To: <sip:{'1001' if method == 'REGISTER' else '1002'}@{domain}>",
        f"Call-ID: acl-{tag}@{source}",
        f"CSeq: 1 {method}",
        f"Contact: <sip:1001@{source}:{local_port};transport={transport}>",
        "Expires: 60" if method == "REGISTER" else "Subject: acl probe",
        "User-Agent: " + os.environ.get("ACL_PROBE_UA", "acl-probe"),
        "Content-Length: 0",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status_codes(text):
    for part in text.split("SIP/2.0 ")[1:]:
        code = part[:3]
        if code.isdigit():
            yield int(code)


def final(chunks):
    """Reads until a final response arrives (100 Trying comes first for INVITE)."""
    buf = ""
    deadline = time.time() + 3
    while time.time() < deadline:
        try:
            data = chunks()
        except (socket.timeout, ssl.SSLError, ConnectionError, OSError):
            break
        if not data:
            break
        buf += data
        for code in status_codes(buf):
            if code >= 200:
                if show_realm:
                    realm = buf.split('realm="', 1)[1].split('"', 1)[0] if 'realm="' in buf else "-"
                    return f"{code} {realm}"
                return str(code)
    return "timeout"


def tcp_socket(tls):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(3)
    s.connect((gateway, port))
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        s = ctx.wrap_socket(s, server_hostname=domain)
    return s


def ws_frames(s):
    """Reads one WebSocket text frame from the gateway (server frames are not masked)."""
    def read(n):
        out = b""
        while len(out) < n:
            d = s.recv(n - len(out))
            if not d:
                raise ConnectionError("closed")
            out += d
        return out
    head = read(2)
    n = head[1] & 0x7F
    if n == 126:
        n = int.from_bytes(read(2), "big")
    elif n == 127:
        n = int.from_bytes(read(8), "big")
    return read(n).decode(errors="replace")


if transport == "udp":
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((source, 0))
    s.settimeout(3)
    s.sendto(request(s.getsockname()[1]), (gateway, port))
    print(final(lambda: s.recvfrom(65535)[0].decode(errors="replace")))
elif transport in ("tcp", "tls"):
    s = tcp_socket(transport == "tls")
    s.sendall(request(s.getsockname()[1]))
    print(final(lambda: s.recv(65535).decode(errors="replace")))
else:
    s = tcp_socket(transport == "wss")
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /ws HTTP/1.1\r\nHost: {gateway}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n"
               + (f"X-Forwarded-For: {os.environ['ACL_PROBE_XFF']}\r\n" if os.environ.get("ACL_PROBE_XFF") else "")
               + "\r\n").encode())
    reply = b""
    while b"\r\n\r\n" not in reply:
        d = s.recv(4096)
        if not d:
            sys.exit("websocket upgrade refused")
        reply += d
    if b" 101 " not in reply.split(b"\r\n", 1)[0]:
        sys.exit("websocket upgrade refused: " + reply.split(b"\r\n", 1)[0].decode())
    payload = request(s.getsockname()[1])
    mask = os.urandom(4)
    header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126
                              else bytes([0x80 | 126]) + len(payload).to_bytes(2, "big"))
    s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    print(final(lambda: ws_frames(s)))
