#!/usr/bin/env python3
"""Captures the RTCP the gateway sends on the loopback interface, with a raw AF_PACKET socket (root;
no tcpdump/tshark needed), and prints one JSON line per packet as it goes:

  {"t": <epoch s>, "sport": <gateway port>, "dport": <peer port>, "types": [200, 202, 203],
   "ssrc": <first packet's SSRC>, "bye": <SSRC the BYE names or null>,
   "packets": <an SR's sender packet count, or null>}

Usage: rtcp-capture.py SRC_MIN-SRC_MAX   (the gateway's media port range, e.g. 20000-29999)
Only UDP/IPv4 from a port in that range whose payload is a compound RTCP packet (RFC 3550 §6.1:
version 2, packet types 192-223 with lengths that add up) is printed; RTP and everything else is
ignored. Prints {"ready": true} once the socket is bound; ends on SIGTERM/SIGINT. Each packet is
seen once (the outgoing copy; lo shows every packet twice).
"""
import json
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def rtcp_types(p):
    """Packet types of a valid compound RTCP packet, with its first SSRC and a BYE's SSRC; None if not RTCP."""
    types, at, ssrc, bye = [], 0, None, None
    while at < len(p):
        if len(p) - at < 4 or (p[at] & 0xC0) != 0x80:
            return None
        pt = p[at + 1]
        size = (((p[at + 2] << 8) | p[at + 3]) + 1) * 4
        if not 192 <= pt <= 223 or at + size > len(p):
            return None
        if size >= 8:
            s = struct.unpack_from('!I', p, at + 4)[0]
            ssrc = s if ssrc is None else ssrc
            if pt == 203:
                bye = s
        types.append(pt)
        at += size
    return types, ssrc, bye


def main():
    lo, hi = (int(x) for x in sys.argv[1].split('-'))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind(('lo', 0))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({'ready': True}), flush=True)
    while True:
        frame, addr = s.recvfrom(65535)
        if addr[2] != PACKET_OUTGOING or len(frame) < 14 + 20 + 8:
            continue
        if struct.unpack_from('!H', frame, 12)[0] != 0x0800:  # IPv4 in an Ethernet frame (lo's link type)
            continue
        ip = 14
        ihl = (frame[ip] & 0x0F) * 4
        if frame[ip + 9] != 17:  # UDP
            continue
        udp = ip + ihl
        sport, dport, length = struct.unpack_from('!HHH', frame, udp)
        if not lo <= sport <= hi:
            continue
        payload = frame[udp + 8: udp + length]
        r = rtcp_types(payload)
        if r is None:
            continue
        types, ssrc, bye = r
        packets = struct.unpack_from('!I', payload, 20)[0] if types[0] == 200 and len(payload) >= 28 else None
        print(json.dumps({'t': time.time(), 'sport': sport, 'dport': dport, 'types': types, 'ssrc': ssrc,
                          'bye': bye, 'packets': packets}), flush=True)


if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        pass
