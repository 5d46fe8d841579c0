// RTP timing on the wire, for tests that must show a call's audio did not stall: dumpcap (from
// Debian's tshark package) captures UDP on lo while the test runs, tshark reads the packets back
// with the kernel's timestamps, and each one-way flow (source → destination address and port) is
// reduced to its packet count and its longest silence inside a time window, and a flow into a
// relay paired with the flow it sends on (by RTP sequence number) gives each packet's time
// inside the relay and the packets it lost. RTCP (second byte 192–223, RFC 5761 §4) is left out.
// Timestamps are the moments the packets crossed lo, so a silence on the way out that the
// sender made itself (this machine busy elsewhere) shows on the way in too; the time inside the
// relay is the relay's alone.
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts dumpcap on lo with a BPF filter, writing a pcap file; resolves once it captures.
 * Returns {file, stop()}: stop() ends the capture (SIGINT, so the file is complete).
 */
export async function startCapture(file, filter, { snaplen = 96 } = {}) {
  rmSync(file, { force: true });
  const child = spawn('dumpcap', ['-q', '-P', '-i', 'lo', '-s', String(snaplen), '-f', filter, '-w', file],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  for (let i = 0; i < 100 && !/Capturing on/.test(stderr); i++) {
    if (child.exitCode !== null) break;
    await sleep(20);
  }
  if (!/Capturing on/.test(stderr)) {
    child.kill('SIGKILL');
    throw new Error(`dumpcap did not start capturing on lo: ${stderr.trim()}`);
  }
  process.on('exit', () => { try { child.kill('SIGKILL'); } catch { /* gone */ } });
  return {
    file,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** The UDP packets of a pcap file: [{at (epoch ms, fractional), src: 'ip:port', dst: 'ip:port', rtcp}]. */
export function readPackets(file) {
  return new Promise((resolve, reject) => {
    execFile('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=,', '-e', 'frame.time_epoch', '-e', 'ip.src',
      '-e', 'udp.srcport', '-e', 'ip.dst', '-e', 'udp.dstport', '-e', 'udp.payload'],
    { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) { reject(new Error(`tshark -r ${file}: ${err.message} ${stderr}`)); return; }
      const packets = [];
      for (const line of stdout.split('\n')) {
        const [t, sip, sport, dip, dport, payload = ''] = line.split(',');
        if (!t || !sport) continue;
        const hex = payload.replace(/:/g, '');
        const second = parseInt(hex.slice(2, 4), 16);
        packets.push({ at: Number(t) * 1000, src: `${sip}:${sport}`, dst: `${dip}:${dport}`,
          rtcp: second >= 192 && second <= 223, seq: parseInt(hex.slice(4, 8), 16) });
      }
      resolve(packets);
    });
  });
}

/** The RTP flows among packets: Map 'src→dst' → [{at, seq}] in capture order, RTCP left out. */
export function rtpFlows(packets) {
  const flows = new Map();
  for (const p of packets) {
    if (p.rtcp) continue;
    const k = `${p.src}→${p.dst}`;
    if (!flows.has(k)) flows.set(k, []);
    flows.get(k).push({ at: p.at, seq: p.seq });
  }
  return flows;
}

/**
 * What a relay did to one stream: `input` is the flow into it, `output` the flow it sent on.
 * The relay renumbers with a fixed offset (found as the most common difference between an
 * output packet's sequence number and that of the input packet that arrived just before it);
 * each input packet of [from, to - 100 ms] is then looked up by its number on the output side.
 * Returns {sent, lost, maxTransitMs (input on the wire → output on the wire), maxAddedGapMs (the
 * most the relay widened the space between two consecutive packets), offset}.
 */
export function transit(input, output, from, to) {
  const votes = new Map();
  let i = 0;
  for (const o of output) {
    while (i + 1 < input.length && input[i + 1].at <= o.at) i++;
    if (input[i] && input[i].at <= o.at) {
      const d = (o.seq - input[i].seq + 65536) % 65536;
      votes.set(d, (votes.get(d) || 0) + 1);
    }
  }
  const offset = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const out = new Map(output.map((o) => [o.seq, o.at]));
  let sent = 0;
  let lost = 0;
  let maxTransitMs = 0;
  let maxAddedGapMs = 0;
  let previous = null;   // transit of the input packet before, if it came out
  for (const p of input) {
    if (p.at < from || p.at > to - 100) continue;
    sent++;
    const at = out.get((p.seq + offset) % 65536);
    if (at === undefined || at < p.at) { lost++; previous = null; continue; }
    const t = at - p.at;
    maxTransitMs = Math.max(maxTransitMs, t);
    if (previous !== null) maxAddedGapMs = Math.max(maxAddedGapMs, t - previous);
    previous = t;
  }
  const r = (x) => Math.round(x * 10) / 10;
  return { sent, lost, maxTransitMs: r(maxTransitMs), maxAddedGapMs: r(maxAddedGapMs), offset };
}

/**
 * One flow's timing inside [from, to] (epoch ms): {packets, maxGapMs, gapAt (epoch ms where the
 * longest silence began)}. The window's edges count as packets' neighbours, so a flow that
 * stops early, or starts late, shows the silence up to the edge.
 */
export function gaps(flow, from, to) {
  const inside = flow.map((p) => p.at).filter((x) => x >= from && x <= to);
  let last = from;
  let maxGapMs = 0;
  let gapAt = from;
  for (const x of [...inside, to]) {
    if (x - last > maxGapMs) { maxGapMs = x - last; gapAt = last; }
    last = x;
  }
  return { packets: inside.length, maxGapMs: Math.round(maxGapMs * 10) / 10, gapAt };
}
