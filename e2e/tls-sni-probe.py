#!/usr/bin/env python3
"""Holds one SIP-over-TLS connection open across a certificate renewal, then proves it still carries SIP.

    tls-sni-probe.py <port> <sni name> <go-file>
Connects with SNI (no verification: the test checks certificates with openssl), prints the serial of the
certificate it got, waits until <go-file> exists, sends OPTIONS on the same connection and prints the
status line of the answer. Exits non-zero when the connection broke.
"""
import os, socket, ssl, sys, time

port, name, go = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname=name)
print("connected", s.version(), flush=True)
deadline = time.time() + 60
while not os.path.exists(go):
    if time.time() > deadline:
        sys.exit("no go signal")
    time.sleep(0.1)
local = s.getsockname()
msg = ("OPTIONS sip:demo.tabphone.test SIP/2.0\r\n"
       f"Via: SIP/2.0/TLS {local[0]}:{local[1]};rport;branch=z9hG4bK-sni{int(time.time())}\r\n"
       "Max-Forwards: 70\r\nTo: <sip:demo.tabphone.test>\r\n"
       f"From: <sip:probe@{name}>;tag=p1\r\nCall-ID: sni-probe-{time.time()}\r\nCSeq: 1 OPTIONS\r\n"
       "Content-Length: 0\r\n\r\n")
s.sendall(msg.encode())
data = s.recv(4096).decode(errors="replace")
print(data.split("\r\n", 1)[0], flush=True)
sys.exit(0 if data.startswith("SIP/2.0 ") else 1)
