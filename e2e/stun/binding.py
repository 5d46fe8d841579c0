#!/usr/bin/env python3
"""One STUN Binding request (RFC 8489) over UDP; prints the XOR-MAPPED-ADDRESS as ip:port, or
"timeout" / "bad <why>".   binding.py <server ip> <port> [source ip]"""
import os, socket, struct, sys

server, port = sys.argv[1], int(sys.argv[2])
source = sys.argv[3] if len(sys.argv) > 3 else "0.0.0.0"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((source, 0))
s.settimeout(2)
tx = os.urandom(12)
s.sendto(struct.pack("!HHI", 0x0001, 0, 0x2112A442) + tx, (server, port))
try:
    data = s.recv(1500)
except socket.timeout:
    print("timeout"); sys.exit(0)
kind, length, cookie = struct.unpack("!HHI", data[:8])
if kind != 0x0101 or cookie != 0x2112A442 or data[8:20] != tx or length != len(data) - 20:
    print("bad header %04x" % kind); sys.exit(0)
at = 20
while at + 4 <= len(data):
    atype, alen = struct.unpack("!HH", data[at:at + 4])
    if atype == 0x0020 and data[at + 5] == 0x01:
        xport = struct.unpack("!H", data[at + 6:at + 8])[0] ^ 0x2112
        ip = struct.unpack("!I", data[at + 8:at + 12])[0] ^ 0x2112A442
        print("%s:%d" % (socket.inet_ntoa(struct.pack("!I", ip)), xport))
        print("local %s:%d" % s.getsockname(), file=sys.stderr)
        sys.exit(0)
    at += 4 + ((alen + 3) & ~3)
print("bad no XOR-MAPPED-ADDRESS")
