#!/usr/bin/env python3
"""RFC 5626 §4.4.2 STUN keep-alive on the SIP UDP port: a socket that sent SIP (an OPTIONS) gets
its Binding request answered with its own address; a socket that never sent SIP gets no answer
(the SIP port is no STUN reflector for strangers). Prints "ok <mapped>" or "FAIL <why>".
    sip-keepalive.py <gateway ip> <sip udp port>"""
import os, socket, struct, sys

host, port = sys.argv[1], int(sys.argv[2])


def binding(sock):
    tx = os.urandom(12)
    sock.sendto(struct.pack("!HHI", 0x0001, 0, 0x2112A442) + tx, (host, port))
    try:
        data = sock.recv(1500)
    except socket.timeout:
        return None
    kind, length, cookie = struct.unpack("!HHI", data[:8])
    if kind != 0x0101 or data[8:20] != tx:
        return "bad response %04x" % kind
    at = 20
    while at + 4 <= len(data):
        atype, alen = struct.unpack("!HH", data[at:at + 4])
        if atype == 0x0020:
            xport = struct.unpack("!H", data[at + 6:at + 8])[0] ^ 0x2112
            ip = struct.unpack("!I", data[at + 8:at + 12])[0] ^ 0x2112A442
            return "%s:%d" % (socket.inet_ntoa(struct.pack("!I", ip)), xport)
        at += 4 + ((alen + 3) & ~3)
    return "no XOR-MAPPED-ADDRESS"


phone = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
phone.bind(("127.0.0.1", 0))
phone.settimeout(2)
me = "%s:%d" % phone.getsockname()
options = ("OPTIONS sip:%s:%d SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-ka%s;rport\r\nMax-Forwards: 70\r\n"
           "From: <sip:probe@%s>;tag=ka1\r\nTo: <sip:%s:%d>\r\nCall-ID: ka-%s\r\nCSeq: 1 OPTIONS\r\n"
           "Content-Length: 0\r\n\r\n") % (host, port, me, os.urandom(4).hex(), host, host, port, os.urandom(4).hex())
phone.sendto(options.encode(), (host, port))
try:
    reply = phone.recv(65535).decode(errors="replace")
except socket.timeout:
    print("FAIL no answer to OPTIONS"); sys.exit(1)
if not reply.startswith("SIP/2.0 "):
    print("FAIL odd answer to OPTIONS: " + reply[:40]); sys.exit(1)
mapped = binding(phone)
if mapped != me:
    print("FAIL keep-alive from %s answered %s" % (me, mapped)); sys.exit(1)

stranger = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
stranger.bind(("127.0.0.1", 0))
stranger.settimeout(1)
if binding(stranger) is not None:
    print("FAIL a socket that never sent SIP got a STUN answer"); sys.exit(1)
print("ok " + mapped)
