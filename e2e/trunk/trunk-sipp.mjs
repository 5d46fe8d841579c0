// Inbound trunk behaviour of issue 7 with sipp as the provider (no browser): baresip phones 1002,
// 1003 (auto-answer, 1 kHz) and 1004 (rings, never answers) in tenant "baresip"; trunk e2e-cap
// from 127.0.0.4 and e2e-fork from 127.0.0.5 are added from the console.
// (1) Capacity raised live during a call: sipp calls 1002 through e2e-cap (max.inbound = 1) and
//     streams A-law for the whole call while 1002 sends its tone back; a second call (to 1003)
//     gets 486; tabphone:trunk-set raises max.inbound to 2; the same second call is answered. The
//     first call stays up (its BYE comes only when 1002 hangs up, after everything), 1002 hears
//     sipp's tone, and the RTP each way, captured on lo (dumpcap), loses no packet in the gateway
//     and no packet spends 100 ms inside it — so no silence over 100 ms is the gateway's; the
//     longest silences in and out are measured and logged.
// (2) Sibling-fork collapse: one upstream call (same Call-ID and From tag) via e2e-cap, then
//     500 ms later via e2e-fork: 1004 rings once; the sibling sees 100/180, then 200/487 for its
//     CANCEL.
// (3) max.inbound = 0 (set live): the provider's INVITE gets 100/180 and nothing else, 1004 gets
//     no INVITE, sipp CANCELs after 2 s: 200 and 487.
// (4) A call held by a closed trunk (max.inbound = 0) does not hold its sibling on an open one:
//     the same call via e2e-cap (held) and then e2e-fork rings 1004 once.
// Log: $E2E_OUT/trunk/trunk-sipp.log; sipp traces $E2E_OUT/sipp/trunk-*; phones $E2E_OUT/baresip/trunk-*.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTest, check, until } from '../browser/lib/node-test.mjs';
import { startBaresip, clearBindings } from '../browser/lib/baresip.mjs';
import { toneMatches } from '../browser/lib/audio.mjs';
import { startSipp, checkSipp, freeUdpPort, sippOut } from '../browser/lib/sipp.mjs';
import { gatewayCalls, gatewayTrunks, karaf } from '../browser/lib/karaf.mjs';
import { startCapture, readPackets, rtpFlows, gaps, transit } from './rtp-capture.mjs';

const gateway = `127.0.0.1:${process.env.SIP_UDP_PORT || 5060}`;
const PROVIDER = '127.0.0.4';
const SIBLING = '127.0.0.5';
const did = { 1002: '+441130000012', 1003: '+441130000013', 1004: '+441130000014' };
const providerTone = 600;   // Hz, what sipp streams
const MAX_GAP_MS = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const phones = [];
let capture = null;

async function removeTrunks() {
  for (const t of ['e2e-cap', 'e2e-fork']) await karaf(`tabphone:trunk-remove ${t}`).catch(() => {});
}

/** Waits until tabphone:trunks shows `limits` (in/out/total) for the trunk; resolves with the time it did. */
async function awaitLimits(trunk, limits) {
  const row = await until(async () => (await gatewayTrunks()).rows.find((r) => r.trunk === trunk && r['limits in/out/total'] === limits),
    { timeoutMs: 10000, everyMs: 50 });
  check(row, `tabphone:trunks never showed ${trunk} with limits ${limits}:\n${(await gatewayTrunks()).text}`);
  return Date.now();
}

/** The raw A-law file sipp's rtp_stream plays (sox; 8 kHz, 2 s, looped by sipp). */
function makeProviderTone() {
  mkdirSync(sippOut, { recursive: true });
  const file = join(sippOut, 'trunk-provider-tone.alaw');
  return new Promise((resolve, reject) => execFile('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'a-law', '-t', 'raw', file,
    'synth', '2', 'sine', String(providerTone), 'vol', '0.5'], (err, _o, stderr) => (err ? reject(new Error(`sox: ${stderr}`)) : resolve(file))));
}

/** sipp as the provider on `ip`: scenario trunk-provider-<kind>.xml calling `number`. */
async function provider(name, kind, ip, number, extra = [], timeoutS = 30) {
  const port = await freeUdpPort();
  return startSipp(name, `trunk-provider-${kind}.xml`, [gateway, '-t', 'u1', '-i', ip, '-mi', ip, '-p', String(port), '-s', number, ...extra],
    { timeoutS, port, host: ip });
}

const startLines = (r, dir) => r.messages.filter((m) => m.dir === dir).map((m) => m.first.replace(/ SIP\/2\.0$/, '').replace(/^SIP\/2\.0 /, ''));
const incoming = (b, since) => b.events.filter((e) => e.type === 'CALL_INCOMING' && e.at >= since);
const invitesTo = (b) => b.sipTrace().filter((m) => m.first.startsWith('INVITE ')).length;

await runTest('trunk-sipp', async (t) => {
  await removeTrunks();
  await makeProviderTone();
  for (const user of ['1002', '1003', '1004']) await clearBindings({ user });
  const [b1002, b1003, b1004] = await Promise.all([
    startBaresip({ name: 'trunk-1002', user: '1002', tone: 1000, codec: 'pcmu' }),
    startBaresip({ name: 'trunk-1003', user: '1003', tone: 1000, codec: 'pcma' }),
    startBaresip({ name: 'trunk-1004', user: '1004', tone: 1000, answer: 'manual' }),
  ]);
  phones.push(b1002, b1003, b1004);
  await Promise.all(phones.map((b) => b.waitRegistered()));
  const numbers = Object.entries(did).map(([user, n]) => `${n}=${user}`).join(',');
  const added = await karaf(`tabphone:trunk-add e2e-cap baresip ${PROVIDER} inbound.numbers=${numbers} max.inbound=1`);
  check(/Trunk e2e-cap added/.test(added), `tabphone:trunk-add said: ${added}`);
  await awaitLimits('e2e-cap', '1/-/-');
  t.say(`trunk e2e-cap (provider ${PROVIDER}, tenant baresip, max.inbound = 1); phones 1002, 1003, 1004 registered`);

  // (1) capacity raised live while a call keeps its audio
  const [lo, hi] = b1002.opts.rtpPorts.split('-');
  capture = await startCapture(join(sippOut, '..', 'trunk', 'trunk-capacity.pcap'),
    `udp and not port ${gateway.split(':')[1]} and (host ${PROVIDER} or portrange ${lo}-${hi})`);
  const t0 = Date.now();
  const call1 = await provider('trunk-cap-call1', 'call', PROVIDER, did[1002]);
  const up1 = await b1002.waitEvent('CALL_ESTABLISHED', { since: t0, timeoutMs: 5000 });
  check(up1, `1002 never answered the provider's call through e2e-cap:\n${b1002.logTail(30)}`);
  t.measure('provider INVITE → 1002 answered', up1.at - t0);
  const one = (await gatewayTrunks()).rows.find((r) => r.trunk === 'e2e-cap');
  check(one?.in === '1', `tabphone:trunks does not show the first call's inbound line: ${JSON.stringify(one)}`);
  await sleep(500);   // RTP flowing both ways before anything changes

  const refused = checkSipp(await (await provider('trunk-cap-refused', 'refused', PROVIDER, did[1003])).done);
  check(incoming(b1003, t0).length === 0, '1003 rang for a call the full trunk should have refused');
  t.say(`second call with max.inbound = 1: the provider got ${startLines(refused, 'received').join(', ')}`);

  const tSet = Date.now();
  const set = await karaf('tabphone:trunk-set e2e-cap max.inbound=2');
  const tShown = await awaitLimits('e2e-cap', '2/-/-');
  t.measure('tabphone:trunk-set max.inbound=2 → shown in tabphone:trunks', tShown - tSet);
  t.note(`trunk-set said: ${set.trim()}`);

  const t2 = Date.now();
  const call2 = await provider('trunk-cap-call2', 'call', PROVIDER, did[1003]);
  const up2 = await b1003.waitEvent('CALL_ESTABLISHED', { since: t2, timeoutMs: 5000 });
  check(up2, `the second call was not answered after max.inbound was raised to 2:\n${b1003.logTail(30)}`);
  t.measure('second call after the raise: INVITE → 1003 answered', up2.at - t2);
  const busy = (await gatewayTrunks()).rows.find((r) => r.trunk === 'e2e-cap');
  check(busy?.in === '2', `tabphone:trunks does not show 2 inbound lines in use: ${JSON.stringify(busy)}`);
  await sleep(300);
  await b1003.hangup();
  checkSipp(await call2.done);
  await sleep(700);   // the first call's audio after the second call's end

  const tHangup = Date.now();
  check(!b1002.events.some((e) => e.type === 'CALL_CLOSED' && e.at >= t0), '1002\'s call closed before 1002 hung up');
  await b1002.hangup();
  const r1 = checkSipp(await call1.done);
  const bye = r1.messages.find((m) => m.dir === 'received' && m.first.startsWith('BYE '));
  check(bye && bye.at >= tHangup - 50, `the provider's first call got a BYE before 1002 hung up (${bye?.at} < ${tHangup})`);
  t.say('the first call stayed up through the change: its BYE came only when 1002 hung up');
  const heard = await b1002.heard();
  const tone = toneMatches(heard, providerTone);
  check(tone.ok, `1002 heard ${tone.why} (sipp streams ${providerTone} Hz); recording ${heard.file}`);
  t.say(`1002 hears ${heard.hz} Hz at ${heard.db} dBFS (sipp streams ${providerTone} Hz, PCMA → PCMU)`);

  // (2) the same upstream call via two trunks 500 ms apart rings 1004 once
  await karaf(`tabphone:trunk-add e2e-fork baresip ${SIBLING} inbound.numbers=${did[1004]}=1004`);
  await until(async () => (await gatewayTrunks()).rows.some((r) => r.trunk === 'e2e-fork' && r.status === 'STATIC'), { timeoutMs: 5000 });
  await forkRun(t, 'fork', b1004, { firstRings: true });
  // dumpcap hands over packets in blocks: stopped seconds after the first call's end, it has them all
  await capture.stop();
  await checkRtp(t, { r1, from: up1.at + 500, to: tHangup - 20, tSet, tShown, lo, hi });

  // (3) max.inbound = 0 holds at 180 until the provider cancels
  const tZero = Date.now();
  await karaf('tabphone:trunk-set e2e-cap max.inbound=0');
  t.measure('tabphone:trunk-set max.inbound=0 → shown in tabphone:trunks', (await awaitLimits('e2e-cap', '0/-/-')) - tZero);
  const heldBefore = Number((await gatewayTrunks()).rows.find((r) => r.trunk === 'e2e-cap')?.held);
  const invitesBefore = invitesTo(b1004);
  const th = Date.now();
  const held = checkSipp(await (await provider('trunk-hold', 'held', PROVIDER, did[1004],
    ['-d', '2000', '-key', 'fromtag', `hold${th}`])).done);
  const got = startLines(held, 'received');
  check(got.filter((l) => !/^1\d\d /.test(l)).map((l) => l.slice(0, 3)).join(',') === '200,487',
    `the held provider got ${got.join(', ')}, not 200 (CANCEL) and 487 after its 180`);
  check(got.every((l) => /^(100|180|200|487) /.test(l)), `the held provider got more than 100/180, 200 and 487: ${got.join(', ')}`);
  check(incoming(b1004, th).length === 0 && invitesTo(b1004) === invitesBefore,
    `an INVITE reached 1004 for a call on a trunk with max.inbound = 0:\n${b1004.logTail(20)}`);
  const cancel = held.messages.find((m) => m.dir === 'sent' && m.first.startsWith('CANCEL '));
  const terminated = held.messages.find((m) => m.dir === 'received' && /^SIP\/2\.0 487/.test(m.first));
  const ringing = held.messages.find((m) => m.dir === 'received' && /^SIP\/2\.0 180/.test(m.first));
  t.say(`max.inbound = 0: the provider got ${got.join(', ')}; 1004 got no INVITE`);
  t.measure('max.inbound = 0: held at 180 for', cancel.at - ringing.at);
  t.measure('max.inbound = 0: CANCEL → 487', terminated.at - cancel.at);
  const heldAfter = Number((await gatewayTrunks()).rows.find((r) => r.trunk === 'e2e-cap')?.held);
  check(heldAfter === heldBefore + 1, `tabphone:trunks counts ${heldAfter} held calls on e2e-cap, not ${heldBefore + 1}`);

  // (4) the first copy held by the closed trunk: the sibling on the open trunk rings
  await forkRun(t, 'fork-closed-first', b1004, { firstRings: false });

  const after = await gatewayCalls();
  check(after.live === 0, `tabphone:calls shows ${after.live} live calls at the end:\n${after.text}`);
}, {
  dir: 'trunk',
  timeoutMs: 90000,
  cleanup: async () => {
    await capture?.stop();
    await Promise.all(phones.map((b) => b.stop()));
    await removeTrunks();
  },
});

/**
 * The first call's RTP each way through the gateway, from half a second after the answer to the
 * hangup (the trunk-set in between): every packet in came out, none spent 100 ms or more inside,
 * and the longest silences in and out.
 */
async function checkRtp(t, { r1, from, to: until, tSet, tShown, lo, hi }) {
  const packets = await readPackets(capture.file);
  const flows = rtpFlows(packets);
  const inRange = (addr) => { const p = Number(addr.split(':')[1]); return p >= Number(lo) && p <= Number(hi); };
  const pick = (pred) => [...flows.entries()].filter(([k]) => pred(...k.split('→'))).sort((a, b) => b[1].length - a[1].length)[0];
  // sipp's RTP address is in its offer; 1002's port is the only one of its range in the capture
  const sippRtp = `${PROVIDER}:${/\nm=audio (\d+)/.exec(r1.messages.find((m) => m.dir === 'sent' && m.first.startsWith('INVITE ')).text)[1]}`;
  const ways = [
    ['provider → 1002', pick((s) => s === sippRtp), pick((s, d) => inRange(d) && !inRange(s))],
    ['1002 → provider', pick((s, d) => inRange(s) && !inRange(d)), pick((s, d) => d === sippRtp)],
  ];
  check(ways.every(([, i, o]) => i && o), `no RTP through the gateway in the capture ${capture.file}: ${[...flows.keys()].join(', ')}`);
  // a capture cut short ends the window: a gap is only a gap while both senders still send
  const to = Math.min(until, ...ways.map(([, input]) => input[1][input[1].length - 1].at));
  check(from < tSet && to > tShown + 300, `the capture does not cover the change: RTP from ${from} to ${to}, trunk-set at ${tSet}, shown at ${tShown}`);
  const seconds = (to - from) / 1000;
  let largestOut = 0;
  let largestAdded = 0;
  for (const [name, input, output] of ways) {
    const gIn = gaps(input[1], from, to);
    const gOut = gaps(output[1], from, to);
    const tr = transit(input[1], output[1], from, to);
    t.say(`RTP ${name}: in ${input[0]} ${gIn.packets} packets in ${seconds.toFixed(1)} s, longest gap ${gIn.maxGapMs} ms;`
      + ` out ${output[0]} ${gOut.packets} packets, longest gap ${gOut.maxGapMs} ms (at +${Math.round(gOut.gapAt - tSet)} ms from the`
      + ` trunk-set); ${tr.lost} of ${tr.sent} lost, longest time inside the gateway ${tr.maxTransitMs} ms, gap it added at most ${tr.maxAddedGapMs} ms`);
    check(gOut.packets >= seconds * 50 * 0.8, `only ${gOut.packets} RTP packets ${name} out of the gateway in ${seconds.toFixed(1)} s (50/s sent)`);
    check(tr.sent >= seconds * 50 * 0.8 - 5 && tr.lost === 0, `RTP ${name}: the gateway lost ${tr.lost} of the ${tr.sent} packets sent during the change`);
    check(tr.maxTransitMs < MAX_GAP_MS, `RTP ${name}: a packet spent ${tr.maxTransitMs} ms in the gateway during the change (limit ${MAX_GAP_MS} ms)`);
    check(gOut.maxGapMs <= MAX_GAP_MS || gOut.maxGapMs - gIn.maxGapMs <= tr.maxAddedGapMs + 1,
      `RTP ${name} stopped for ${gOut.maxGapMs} ms on the way out while its sender's longest pause was ${gIn.maxGapMs} ms`);
    largestOut = Math.max(largestOut, gOut.maxGapMs);
    largestAdded = Math.max(largestAdded, tr.maxAddedGapMs);
  }
  t.measure('largest RTP gap out of the gateway while max.inbound was raised live', largestOut);
  t.measure('largest gap the gateway itself added to the RTP (transit jitter)', largestAdded);
}

/**
 * One upstream call forked over e2e-cap (first) and e2e-fork (500 ms later, same Call-ID and
 * From tag); each copy rings for a while and is CANCELled. 1004 must ring exactly once: for the
 * first copy when `firstRings`, else (the first held by max.inbound = 0) for the sibling. Both
 * copies see only 100/180, then 200/487 for their CANCEL.
 */
async function forkRun(t, label, b1004, { firstRings }) {
  const callId = `${label}-${Date.now()}@pbx.test`;
  const same = ['-cid_str', callId, '-key', 'fromtag', `tag-${label}`];
  const t0 = Date.now();
  const first = await provider(`trunk-${label}-first`, 'held', PROVIDER, did[1004], ['-d', '2500', ...same]);
  await sleep(500);
  const sibling = await provider(`trunk-${label}-sibling`, 'held', SIBLING, did[1004], ['-d', '1000', ...same]);
  const [rf, rs] = [checkSipp(await first.done), checkSipp(await sibling.done)];
  await b1004.waitEvent('CALL_CLOSED', { since: t0, timeoutMs: 2000 });
  const rang = incoming(b1004, t0);
  check(rang.length === 1, `${label}: 1004 rang ${rang.length} times for one upstream call forked over two trunks`);
  const siblingInviteAt = rs.messages.find((m) => m.dir === 'sent' && m.first.startsWith('INVITE ')).at;
  check(firstRings ? rang[0].at < siblingInviteAt : rang[0].at >= siblingInviteAt - 50,
    `${label}: 1004 rang for the ${firstRings ? 'sibling' : 'first (held) copy'}, not the ${firstRings ? 'first' : 'sibling'}`);
  for (const [who, r] of [['first', rf], ['sibling', rs]]) {
    const got = startLines(r, 'received');
    check(got.every((l) => /^(100|180|200|487) /.test(l)), `${label}: the ${who} copy got ${got.join(', ')}`);
  }
  t.say(`${label}: one call via ${PROVIDER} then ${SIBLING} 500 ms later: 1004 rang once (for the ${firstRings ? 'first' : 'sibling'});`
    + ` first got ${startLines(rf, 'received').join(', ')}; sibling got ${startLines(rs, 'received').join(', ')}`);
}
