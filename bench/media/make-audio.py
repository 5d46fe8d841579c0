#!/usr/bin/env python3
"""Media files for relay-load.sh, written with the standard library only.

  make-audio.py raw  <pcmu|pcma> <tone Hz> <seconds> <out>   headerless G.711 (sipp's rtp_stream="file,-1,pt")
  make-audio.py pcap <pcmu|pcma> <tone Hz> <seconds> <out>   RTP in a pcap (sipp's play_pcap_audio)

The pcap holds one RTP stream, 20 ms packets (160 G.711 octets, 12-octet RTP header, no
extension), timestamps 20 ms apart, sequence numbers and RTP timestamps counting up, one SSRC,
Ethernet/IPv4/UDP framing 127.0.0.1:6000 -> 127.0.0.1:6000. sipp rewrites the UDP ports and the
checksum on sending (the addresses are its own and the SDP's) and keeps the RTP header as it is.
G.711 encoding is ITU-T G.711 (the segment tables of Sun's reference g711.c).
"""
import math
import struct
import sys

RATE = 8000
FRAME = 160  # samples per 20 ms packet


def ulaw(pcm):
    """16-bit linear sample -> u-law octet."""
    pcm >>= 2  # 14 significant bits
    if pcm < 0:
        pcm = -pcm
        mask = 0x7F
    else:
        mask = 0xFF
    pcm = min(pcm, 8159) + (0x84 >> 2)
    seg_end = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)
    seg = next((i for i, end in enumerate(seg_end) if pcm <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    return ((seg << 4) | ((pcm >> (seg + 1)) & 0x0F)) ^ mask


def alaw(pcm):
    """16-bit linear sample -> A-law octet."""
    pcm >>= 3  # 13 significant bits
    if pcm >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        pcm = -pcm - 1
    seg_end = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)
    seg = next((i for i, end in enumerate(seg_end) if pcm <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    aval = seg << 4
    aval |= (pcm >> 1 if seg < 2 else pcm >> seg) & 0x0F
    return aval ^ mask


def tone(codec, hz, seconds):
    enc = ulaw if codec == "pcmu" else alaw
    n = int(RATE * seconds) // FRAME * FRAME
    return bytes(enc(int(round(0.5 * 32767 * math.sin(2 * math.pi * hz * i / RATE)))) for i in range(n))


def ip_checksum(header):
    s = sum(struct.unpack("!%dH" % (len(header) // 2), header))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def pcap(codec, audio, out):
    pt = 0 if codec == "pcmu" else 8
    src = dst = bytes([127, 0, 0, 1])
    port = 6000
    ssrc = 0x7AB0_0001
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
        for k in range(len(audio) // FRAME):
            rtp = struct.pack("!BBHII", 0x80, (0x80 if k == 0 else 0) | pt, k & 0xFFFF, (k * FRAME) & 0xFFFFFFFF, ssrc)
            rtp += audio[k * FRAME:(k + 1) * FRAME]
            udp = struct.pack("!HHHH", port, port, 8 + len(rtp), 0) + rtp
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xB8, 20 + len(udp), k & 0xFFFF, 0x4000, 64, 17, 0, src, dst)
            ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
            frame = b"\x00" * 6 + b"\x02" + b"\x00" * 4 + b"\x01" + b"\x08\x00" + ip + udp
            usec = k * 20_000
            f.write(struct.pack("<IIII", usec // 1_000_000, usec % 1_000_000, len(frame), len(frame)))
            f.write(frame)


def main(argv):
    if len(argv) != 6 or argv[1] not in ("raw", "pcap") or argv[2] not in ("pcmu", "pcma"):
        sys.exit(__doc__)
    kind, codec, hz, seconds, out = argv[1], argv[2], float(argv[3]), float(argv[4]), argv[5]
    audio = tone(codec, hz, seconds)
    if kind == "raw":
        with open(out, "wb") as f:
            f.write(audio)
    else:
        pcap(codec, audio, out)


if __name__ == "__main__":
    main(sys.argv)
