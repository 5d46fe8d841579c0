// RTCP the gateway terminates per leg, seen on the wire by two real plain-RTP phones (baresip 1.0,
// PCMU, RTCP on port + 1): 1002 calls 1003 through the gateway, and a raw-socket capture on lo
// (rtcp-capture.py) records every RTCP packet the gateway sends them. Checked:
//  - each phone gets the gateway's SR/RR + SDES, and the phones' reports give a round trip that
//    tabphone:media --rtcp (and tabphone:media's "RTT ms") shows for both legs, and the Media MBean
//    (WorstRoundTripMillis, read through the /metrics scrape of the org.tabphone MBeans);
//  - 1002 holds (re-INVITE sendonly): the gateway sends it no RTP but keeps reporting to it from the
//    same SSRC (RFC 3264 §5.1) — an RR, or an SR whose packet count has not moved since the hold —
//    and after resume RTP flows to it again;
//  - at hang-up each phone gets a compound that starts with SR/RR and ends with a BYE from the SSRC
//    of the gateway's stream to it (RFC 3550 §6.6);
//  - the CDR carries each leg's round trip and the loss it reported (tabphone:cdrs).
// Needs tenant "baresip" (e2e/baresip/tenant.sh add); e2e/tests/rtcp-baresip.sh wraps it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runTest, check, until } from '../browser/lib/node-test.mjs';
import { startBaresip, baresipTenant, clearBindings } from '../browser/lib/baresip.mjs';
import { karaf, tableRows } from '../browser/lib/karaf.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const phones = [];
let capture = null;

const RR = 201;
const SR = 200;
const BYE = 203;

/** The gateway's media port range from its running configuration (default 20000-29999). */
function mediaPorts() {
  const cfg = join(process.env.GATEWAY_HOME || join(here, '..', '..', 'run'), 'etc', 'org.tabphone.media.cfg');
  const text = existsSync(cfg) ? readFileSync(cfg, 'utf8') : '';
  const min = /^\s*port\.min\s*=\s*(\d+)/m.exec(text)?.[1] || '20000';
  const max = /^\s*port\.max\s*=\s*(\d+)/m.exec(text)?.[1] || '29999';
  return `${min}-${max}`;
}

/** Starts the capture; resolves once its socket is bound. packets: [{t (ms), sport, dport, types, ssrc, bye}]. */
async function startCapture(ports) {
  const child = spawn('python3', [join(here, 'rtcp-capture.py'), ports], { stdio: ['ignore', 'pipe', 'pipe'] });
  const c = { child, packets: [], stderr: '' };
  child.stderr.on('data', (d) => { c.stderr += d; });
  const ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = JSON.parse(line);
      if (m.ready) resolve();
      else c.packets.push({ ...m, t: m.t * 1000 });
    });
    child.on('exit', (code) => reject(new Error(`rtcp-capture.py exited (${code}): ${c.stderr}`)));
  });
  await Promise.race([ready, sleep(5000).then(() => { throw new Error(`rtcp-capture.py not ready: ${c.stderr}`); })]);
  return c;
}

/** Whether a port is in a baresip's RTP range "A-B" (RTCP goes to RTP + 1, so B + 1 counts). */
function toPhone(b, port) {
  const [lo, hi] = b.opts.rtpPorts.split('-').map(Number);
  return port >= lo && port <= hi + 1;
}

/** The gateway's RTCP to phone b since `since` (epoch ms). */
function reportsTo(b, since = 0) {
  return capture.packets.filter((p) => p.t >= since && toPhone(b, p.dport));
}

async function rtcpTable() {
  const text = await karaf('tabphone:media --rtcp');
  return { rows: tableRows(text), text };
}

await runTest('rtcp-baresip', async (t) => {
  for (const u of ['1002', '1003']) check(await clearBindings({ user: u }) === 200, `could not clear the bindings of ${u}`);
  capture = await startCapture(mediaPorts());
  const b2 = await startBaresip({ name: 'rtcp-1002', user: '1002', tone: 1000 });
  const b3 = await startBaresip({ name: 'rtcp-1003', user: '1003', tone: 600 });
  phones.push(b2, b3);
  await Promise.all([b2.waitRegistered(), b3.waitRegistered()]);

  const t0 = Date.now();
  check((await b2.dial(`sip:1003@${baresipTenant.domain}`)).ok, 'baresip 1002 refused to dial');
  const [up2, up3] = await Promise.all([b2.waitEvent('CALL_ESTABLISHED', { since: t0 }), b3.waitEvent('CALL_ESTABLISHED', { since: t0 })]);
  check(up2 && up3, `the call 1002 → 1003 was not established\n${b2.logTail(30)}`);
  const answered = Date.now();

  // 1. reports both ways: the gateway's to each phone, and a round trip from each phone's reports
  let table = null;
  const measured = await until(async () => {
    table = await rtcpTable();
    const legs = table.rows.filter((r) => r.kind === 'RTP');
    return legs.length === 2 && legs.every((r) => /^\d+(\.\d+)?$/.test(r['rtt ms'])) ? legs : null;
  }, { timeoutMs: 16000, everyMs: 500 });
  t.note(`tabphone:media --rtcp:\n${table.text}`);
  check(measured, `no round trip on both legs in tabphone:media --rtcp 16 s after the answer:\n${table.text}`);
  t.measure('answer → round trip of both legs in tabphone:media --rtcp', Date.now() - answered);
  const callId = measured[0].call;
  for (const r of measured) {
    check(+r['rtt ms'] < 100, `${r.leg}: round trip ${r['rtt ms']} ms on loopback`);
    check(+r['rtcp in'] > 0 && +r['rtcp out'] > 0, `${r.leg}: RTCP in ${r['rtcp in']}, out ${r['rtcp out']}`);
    check(r['far lost'] !== '-', `${r.leg}: the phone's report block about the gateway's stream was not read`);
  }
  t.say(`tabphone:media --rtcp: ${measured.map((r) => `${r.leg} RTT ${r['rtt ms']} ms, far lost ${r['far lost']}, `
    + `RTCP out/in ${r['rtcp out']}/${r['rtcp in']}`).join('; ')}`);
  // JMX: the Media MBean's WorstRoundTripMillis, as the Prometheus scrape of the org.tabphone MBeans shows it
  const metricsUrl = process.env.METRICS_URL || 'http://127.0.0.1:8181/metrics';
  const scraped = await fetch(metricsUrl).then((r) => r.text()).catch((e) => `unreachable: ${e.message}`);
  const worst = /^tabphone_media_worst_round_trip_millis(?:\{[^}]*\})? (\S+)$/m.exec(scraped);
  check(worst && +worst[1] >= 0, `the Media MBean shows no round trip (WorstRoundTripMillis) at ${metricsUrl}:\n`
    + scraped.split('\n').filter((l) => l.includes('tabphone_media')).join('\n'));
  t.say(`Media MBean WorstRoundTripMillis ${(+worst[1]).toFixed(1)} (from ${metricsUrl})`);
  const media = await karaf('tabphone:media');
  const mainRows = tableRows(media).filter((r) => r.kind === 'RTP');
  check(mainRows.length === 2 && mainRows.every((r) => /^\d/.test(r['rtt ms'])), `tabphone:media shows no RTT column values:\n${media}`);
  for (const b of [b2, b3]) {
    const first = reportsTo(b).find((p) => p.types[0] === SR);
    check(first && first.types[1] === 202, `${b.opts.user}: no SR + SDES from the gateway on the wire: ${JSON.stringify(reportsTo(b))}`);
    b.gatewaySsrc = first.ssrc;
  }

  // 2. hold: 1002 sends sendonly; the gateway stops its RTP to 1002 and keeps reporting (RR)
  const mark = Date.now();
  const held = await b2.cmd('hold');
  check(held.ok, `baresip refused hold: ${held.data}`);
  await sleep(500); // the re-INVITE and its answer through the gateway
  const heldAt = Date.now();
  const rowOf = async (leg) => tableRows(await karaf('tabphone:media')).find((r) => r.leg === leg);
  const outBefore = +(await rowOf('caller'))['pkts out'];
  // reports come every 2.5–7.5 s; the first during the hold is an SR if RTP went since the previous one
  const duringHold = await until(() => reportsTo(b2, heldAt)[0], { timeoutMs: 8000, everyMs: 100 });
  const outAfter = +(await rowOf('caller'))['pkts out'];
  t.note(`gateway RTCP to 1002 since the hold: ${JSON.stringify(reportsTo(b2, mark))}`);
  check(outAfter - outBefore <= 2, `RTP still went to 1002 on hold: pkts out ${outBefore} → ${outAfter}`);
  check(duringHold, `no RTCP report to 1002 within 8 s of its hold (RFC 3264 §5.1: RTCP goes on while held): `
    + `${JSON.stringify(reportsTo(b2, mark))}`);
  check(duringHold.ssrc === b2.gatewaySsrc, `the report during hold came from SSRC ${duringHold.ssrc}, the stream's is ${b2.gatewaySsrc}`);
  check(duringHold.types[0] === RR || (duringHold.types[0] === SR && duringHold.packets <= outBefore + 2),
    `the report during hold counts RTP sent while held: ${JSON.stringify(duringHold)} (pkts out at the hold ${outBefore})`);
  t.measure('hold → the gateway\'s report to the held phone', duringHold.t - heldAt);
  const resumed = await b2.cmd('resume');
  check(resumed.ok, `baresip refused resume: ${resumed.data}`);
  const flowing = await until(async () => +(await rowOf('caller'))['pkts out'] > outAfter + 10, { timeoutMs: 5000, everyMs: 250 });
  check(flowing, 'RTP to 1002 did not resume after its resume re-INVITE');
  t.say(`hold: no RTP to 1002, ${duringHold.types[0] === RR ? 'RR' : `SR (${duringHold.packets} packets, as at the hold)`} `
    + `from SSRC ${duringHold.ssrc} ${Math.round(duringHold.t - heldAt)} ms into the hold; RTP again after resume`);

  // 3. hang-up: a last compound with a BYE to each phone
  const th = Date.now();
  check((await b2.hangup()).ok, 'hangup failed');
  const closed = await Promise.all([b2.waitEvent('CALL_CLOSED', { since: th }), b3.waitEvent('CALL_CLOSED', { since: th })]);
  check(closed.every(Boolean), 'the call did not close at both phones');
  for (const b of [b2, b3]) {
    const bye = await until(() => reportsTo(b, th).find((p) => p.types.includes(BYE)), { timeoutMs: 3000, everyMs: 50 });
    check(bye, `${b.opts.user}: no RTCP BYE from the gateway within 3 s of the hang-up: ${JSON.stringify(reportsTo(b, th))}`);
    check(bye.types[0] === SR || bye.types[0] === RR, `${b.opts.user}: the BYE's compound starts with ${bye.types[0]}, not SR/RR`);
    check(bye.types[bye.types.length - 1] === BYE, `${b.opts.user}: the BYE is not last in ${JSON.stringify(bye.types)}`);
    check(bye.bye === b.gatewaySsrc, `${b.opts.user}: BYE for SSRC ${bye.bye}, the gateway's stream to it is ${b.gatewaySsrc}`);
    t.measure(`hang-up → RTCP BYE at ${b.opts.user}`, bye.t - th);
  }

  // 4. the CDR: round trip and the loss each phone reported
  let cdr = null;
  const written = await until(async () => {
    cdr = await karaf('tabphone:cdrs -n 1 -c 1003@');
    const row = tableRows(cdr)[0];
    return row && row.call === callId && /^\d+ \(\d+\) \/ \d+ \(\d+\)$/.test(row['rtt ms (far lost)'] || '') ? row : null;
  }, { timeoutMs: 5000, everyMs: 250 });
  t.note(`tabphone:cdrs:\n${cdr}`);
  check(written, `no CDR of call ${callId} with a round trip and far loss for both legs:\n${cdr}`);
  t.say(`CDR ${written.call}: RTT ms (far lost) ${written['rtt ms (far lost)']}`);
}, {
  dir: 'rtcp',
  timeoutMs: 90000,
  cleanup: async () => {
    await Promise.all(phones.splice(0).map((b) => b.stop()));
    capture?.child.kill('SIGTERM');
  },
});
