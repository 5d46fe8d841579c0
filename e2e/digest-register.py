#!/usr/bin/env python3
"""One REGISTER with digest over UDP from a chosen source address; prints the final status code.

    digest-register.py <source ip> <gateway ip> <user> <password> <domain>
Sends REGISTER, answers a 401 with MD5 digest (qop=auth when offered) and prints the status of the
answer to that (200 right password, 401 wrong one, 403 once the source is banned), the status of
the first answer when it is not a 401, or "timeout".
"""
import hashlib, os, random, re, socket, sys

source, gateway, user, password, domain = sys.argv[1:6]
port = int(os.environ.get("SIP_UDP_PORT", 5060))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((source, 0))
s.settimeout(3)
local = s.getsockname()[1]
tag, call_id = "%08x" % random.getrandbits(32), "dr-%08x@%s" % (random.getrandbits(32), source)


def send(cseq, auth=None):
    lines = [f"REGISTER sip:{domain} SIP/2.0",
             f"Via: SIP/2.0/UDP {source}:{local};rport;branch=z9hG4bK-dr{random.getrandbits(32):08x}",
             "Max-Forwards: 70", f"From: <sip:{user}@{domain}>;tag={tag}", f"To: <sip:{user}@{domain}>",
             f"Call-ID: {call_id}", f"CSeq: {cseq} REGISTER", f"Contact: <sip:{user}@{source}:{local}>",
             "Expires: 60", "User-Agent: digest-register"]
    if auth:
        lines.append("Authorization: " + auth)
    s.sendto(("\r\n".join(lines + ["Content-Length: 0"]) + "\r\n\r\n").encode(), (gateway, port))
    while True:
        try:
            text = s.recvfrom(65535)[0].decode(errors="replace")
        except socket.timeout:
            return None, ""
        code = int(text[8:11])
        if code >= 200:
            return code, text


code, text = send(1)
if code != 401:
    print(code or "timeout")
    sys.exit(0)
challenges = re.findall(r"(?im)^WWW-Authenticate:\s*Digest\s+(.*)$", text)
md5 = next((c for c in challenges if "SHA-256" not in c.upper()), challenges[0])
p = dict(re.findall(r'(\w+)="?([^",]*)"?', md5))
uri = f"sip:{domain}"
realm, nonce = p["realm"], p["nonce"]
h = lambda v: hashlib.md5(v.encode()).hexdigest()
ha1, ha2 = h(f"{user}:{realm}:{password}"), h(f"REGISTER:{uri}")
auth = f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", algorithm=MD5'
if "qop" in p:
    cnonce = "%08x" % random.getrandbits(32)
    response = h(f"{ha1}:{nonce}:00000001:{cnonce}:auth:{ha2}")
    auth += f', qop=auth, nc=00000001, cnonce="{cnonce}", response="{response}"'
else:
    auth += ', response="' + h(f"{ha1}:{nonce}:{ha2}") + '"'
if "opaque" in p:
    auth += ', opaque="' + p["opaque"] + '"'
code, _ = send(2, auth)
print(code or "timeout")
