// A stream agent (README "The audio stream protocol"): this test is the agent — a WebSocket
// server (npm ws) on 127.0.0.1 that the gateway connects to for each call. It configures
// org.tabphone.agent-stream.cfg live (streambot, tenant demo, number 801, type stream, its url),
// waits until tabphone:agents lists it, and removes the file at the end. JsSIP "Bob" (1002, fake
// microphone 440 Hz) calls 801. Checked on the socket: `start` (number 801, caller 1002, tenant
// demo, L16, 8000 Hz, 20 ms); binary caller audio (8-byte header with sequence +1 and timestamp
// +160 per frame, 160 samples little-endian) that carries 440 Hz; 2.5 s of 1 kHz sent back as
// binary frames reaches Bob (his remote stream's tone) and `played` follows once it has been
// played; `{"command":"bogus"}` gets an `error` event and the call goes on; Bob's DTMF 5 (RFC
// 4733) arrives as exactly one `{"event":"dtmf","digit":"5"}`. Then `{"command":"transfer",
// "target":"alice"}`: `transfer` status 100, SIP.js "Alice" (1001, 1.5 kHz) rings with Bob as the
// caller and answers, `transfer` status 200, `stop` reason `transferred`, and the gateway closes
// the socket. After it: no agent call, only Bob's and Alice's WebRTC legs, each hears the other's
// tone, Bob's BYE reaches Alice. Then G.711: the file changes to numbers "801, 802" and
// stream.encoding = pcmu; Bob calls 802: `start` says PCMU and number/dialled 802 (the dialled
// number, not the agent's first); the caller audio is 8-byte header + 160 μ-law bytes per frame
// and decodes (this file's own G.711 tables) to 440 Hz; 1 kHz sent as μ-law reaches Bob; the
// agent's `hangup` ends Bob's call (`stop` reason agent). Then the agent connects instead: the
// file gets a token and no url; a wrong token gets 401, the right one (Authorization: Bearer) a
// socket on ws://127.0.0.1:8095/agents/streambot that Bob's next call to 801 takes (start, his
// 440 Hz as L16), 1 kHz sent back reaches Bob, and the agent's hangup ends the call and the
// gateway closes that socket. Once the file is removed the agent is no longer listed. Wrong caller audio and wrong transfer events are reported at the end, so one
// run shows the rest too.
// Measured: socket and start after the answer, agent audio → Bob hears it, DTMF → event,
// transfer command → Alice rings / 200 / close.
import { WebSocket, WebSocketServer } from 'ws';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { gatewayAgents } from '../lib/karaf.mjs';
import { unregisterAll } from '../lib/calls.mjs';
import { checkRemoteTones, fakeCaptureWav } from '../lib/media.mjs';
import { bobCallsAndListens, checkCallerUntouched, checkTransferredCall, colleagueAnswers, registerAliceAndBob } from '../lib/agents.mjs';

const domain = 'demo.tabphone.test';
const alice = { user: '1001', password: 'demo1001', tone: 1500 };
const bob = { user: '1002', password: 'demo1002', tone: 440 };
const agentTone = { hz: 1000, seconds: 2.5 };
const gatewayHome = process.env.GATEWAY_HOME;
const cfgFile = gatewayHome && join(gatewayHome, 'etc', 'org.tabphone.agent-stream.cfg');
const wav = await fakeCaptureWav(bob.tone);

/** The test's agent: every connection with its JSON events and audio frames, stamped on arrival. */
function startAgent() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const conns = [];
  server.on('connection', (ws, req) => {
    const c = { ws, at: Date.now(), url: req.url, events: [], frames: [], bad: [], closed: null };
    conns.push(c);
    ws.on('message', (data, binary) => {
      const at = Date.now();
      if (!binary) {
        try { c.events.push({ ...JSON.parse(String(data)), at }); } catch (e) { c.bad.push(String(data)); }
        return;
      }
      const b = Buffer.from(data);
      c.frames.push({ ...frameOf(b), bytes: b.length, raw: b, at });
    });
    ws.on('close', (code, reason) => { c.closed = { code, reason: String(reason), at: Date.now() }; });
  });
  return new Promise((resolve, reject) => {
    server.on('listening', () => resolve({ server, conns, port: server.address().port }));
    server.on('error', reject);
  });
}

/** An audio message's header and samples: {seq, ts, samples} (big-endian header, little-endian PCM). */
function frameOf(b) {
  const samples = new Int16Array((b.length - 8) >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = b.readInt16LE(8 + 2 * i);
  return { seq: b.readUInt32BE(0), ts: b.readUInt32BE(4), samples };
}

/** G.711 μ-law byte → 16-bit sample (ITU-T G.711), written here so the gateway's codec is checked, not reused. */
function ulawToPcm(u) {
  const v = ~u & 0xff;
  const mag = ((((v & 0x0f) << 3) + 0x84) << ((v >> 4) & 7)) - 0x84;
  return v & 0x80 ? -mag : mag;
}

/** 16-bit sample → G.711 μ-law byte. */
function pcmToUlaw(sample) {
  let s = sample;
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(s, 32635) + 0x84;
  let exp = 7;
  for (let m = 0x4000; (s & m) === 0 && exp > 0; m >>= 1) exp--;
  return ~(sign | (exp << 4) | ((s >> (exp + 3)) & 0x0f)) & 0xff;
}

/** A μ-law audio message: {seq, ts, samples}. */
function ulawFrameOf(b) {
  const samples = new Int16Array(b.length - 8);
  for (let i = 0; i < samples.length; i++) samples[i] = ulawToPcm(b[8 + i]);
  return { seq: b.readUInt32BE(0), ts: b.readUInt32BE(4), samples };
}

/** The bytes with each 8-byte group reversed (a diagnosis, see the caller audio check). */
function reverse8(b) {
  const r = Buffer.from(b);
  for (let i = 0; i + 8 <= r.length; i += 8) r.subarray(i, i + 8).reverse();
  return r;
}

/** The samples of frames, one after the other. */
function concat(frames) {
  const out = new Int16Array(frames.reduce((n, f) => n + f.samples.length, 0));
  let at = 0;
  for (const f of frames) { out.set(f.samples, at); at += f.samples.length; }
  return out;
}

/**
 * Binary frames of a tone: 8-byte header (sequence, timestamp in 8 kHz units, big-endian) + 160
 * samples, little-endian PCM or (ulaw) one μ-law byte each.
 */
function toneFrames(hz, seconds, { amplitude = 8000, ulaw = false } = {}) {
  const frames = [];
  for (let f = 0; f < seconds * 50; f++) {
    const b = Buffer.alloc(8 + (ulaw ? 160 : 320));
    b.writeUInt32BE(f, 0);
    b.writeUInt32BE(f * 160, 4);
    for (let i = 0; i < 160; i++) {
      const v = Math.round(amplitude * Math.sin(2 * Math.PI * hz * (f * 160 + i) / 8000));
      if (ulaw) b[8 + i] = pcmToUlaw(v); else b.writeInt16LE(v, 8 + 2 * i);
    }
    frames.push(b);
  }
  return frames;
}

/** The dominant frequency (1 Hz steps, 100-3900 Hz, Goertzel) of 8 kHz samples, and its share of the energy. */
function dominant(samples) {
  let best = { hz: 0, power: 0 };
  let energy = 0;
  for (const s of samples) energy += s * s;
  for (let hz = 100; hz <= 3900; hz += 1) {
    const k = 2 * Math.cos(2 * Math.PI * hz / 8000);
    let s1 = 0; let s2 = 0;
    for (const x of samples) { const s0 = x + k * s1 - s2; s2 = s1; s1 = s0; }
    const power = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (power > best.power) best = { hz, power };
  }
  // a pure tone's Goertzel power is about N/2 times its energy
  return { hz: best.hz, share: energy ? Math.min(1, (2 * best.power / samples.length) / energy) : 0,
    rmsDb: levelDb(samples) };
}

const toneText = (d) => `${d.hz} Hz, ${Math.round(d.share * 100)} % of the energy, ${d.rmsDb} dBFS`;

/** RMS level of 16-bit samples in dBFS. */
function levelDb(samples) {
  let energy = 0;
  for (const s of samples) energy += s * s;
  return Math.round(20 * Math.log10(Math.sqrt(energy / samples.length) / 32768 || 1e-9));
}

const agent = await startAgent();
const removeCfg = () => { try { unlinkSync(cfgFile); } catch { /* gone already */ } };

await runBrowserTest('agent-stream', async (t) => {
  check(cfgFile, 'GATEWAY_HOME is not set (run through e2e/tests/agent-stream.sh)');
  const url = `ws://127.0.0.1:${agent.port}/agent`;
  writeFileSync(cfgFile, `# written by e2e/browser/tests/agent-stream.mjs\nname = streambot\ntenant = demo\nnumbers = 801\ntype = stream\nurl = ${url}\n`);
  const t0 = Date.now();
  const listed = await until(async () => {
    const g = await gatewayAgents();
    return g.agents.some((r) => r.agent === 'streambot' && r.numbers === '801' && r.type === 'stream' && r.available === 'yes') ? g : null;
  }, { timeoutMs: 10000, everyMs: 250 });
  check(listed, `tabphone:agents never listed streambot on 801 after ${cfgFile} was written:\n${(await gatewayAgents()).text}`);
  t.measure('cfg written → streambot listed by tabphone:agents', Date.now() - t0);

  const { a, b } = await registerAliceAndBob(t, { domain, alice, bob });

  // ---- the call: the gateway connects and sends start
  const key = 'bob-to-801';
  const conf = await bobCallsAndListens(b, { key, number: '801', domain });
  const c = await until(() => agent.conns[0], { timeoutMs: 5000, everyMs: 20 });
  check(c, 'the gateway never connected to the stream agent');
  check(agent.conns.length === 1, `the gateway opened ${agent.conns.length} sockets for one call`);
  const start = await until(() => c.events.find((e) => e.event === 'start'), { timeoutMs: 3000, everyMs: 20 });
  check(start, `no start event: ${JSON.stringify(c.events)}`);
  t.note(`start: ${JSON.stringify(start)}`);
  check(c.events[0] === start, `the first event is not start: ${JSON.stringify(c.events[0])}`);
  check(start.number === '801' && start.dialled === '801' && start.caller === bob.user && start.tenant === 'demo' && start.format === 'L16'
    && start.rate === 8000 && start.frameMs === 20 && start.call, `start event: ${JSON.stringify(start)}`);
  t.say(`start: call ${start.call}, number ${start.number}, caller ${start.caller} "${start.callerName}", ${start.format} ${start.rate} Hz ${start.frameMs} ms`);
  t.measure('Bob\'s call confirmed → socket open', c.at - conf.at);
  t.measure('Bob\'s call confirmed → start', start.at - conf.at);

  // ---- caller audio: 440 Hz in L16 frames
  const loud = (f) => levelDb(f.samples) > -50;
  const heard = await until(() => { const l = c.frames.filter(loud); return l.length >= 25 ? l : null; }, { timeoutMs: 8000, everyMs: 50 });
  check(heard, `no caller audio on the socket within 8 s: ${c.frames.length} frames, none louder than -50 dBFS`);
  // what the gateway gets wrong on the socket (caller audio, the order of the transfer's events) is
  // reported at the end, so one run shows everything else too
  const wrong = [];
  const bad = c.frames.find((f) => f.bytes !== 8 + 320);
  if (bad) wrong.push(`an audio frame of ${bad.bytes} bytes (8-byte header + 160 samples = 328)`);
  const gaps = c.frames.slice(1).filter((f, i) => f.seq !== c.frames[i].seq + 1 || f.ts !== c.frames[i].ts + 160);
  if (gaps.length) {
    const swapped = c.frames.map((f) => ({ ...f, ...frameOf(reverse8(f.raw)) }));
    const fixed = !swapped.slice(1).some((f, i) => f.seq !== swapped[i].seq + 1 || f.ts !== swapped[i].ts + 160);
    wrong.push(`caller audio frames do not follow each other (big-endian sequence +1, timestamp +160): ${gaps.length} of ${c.frames.length}; `
      + `first bytes ${c.frames.slice(0, 3).map((f) => f.raw.subarray(0, 12).toString('hex')).join(' ')}`
      + (fixed ? `; with every 8-byte group reversed they do (seq ${swapped[0].seq}, ts ${swapped[0].ts}, then +1/+160; the tone is `
        + `${toneText(dominant(concat(swapped.filter(loud).slice(-25))))}): the bytes are reordered in 8-byte words on the way `
        + '(the JDK WebSocket client masks a little-endian-ordered ByteBuffer that way)' : ''));
  }
  const d = dominant(concat(heard.slice(-25)));
  if (!(Math.abs(d.hz - bob.tone) <= bob.tone * 0.05 && d.share > 0.5)) {
    wrong.push(`the caller's audio on the socket is not Bob's ${bob.tone} Hz tone: its strongest frequency is ${d.hz} Hz with ${Math.round(d.share * 100)} % of the energy (a clean tone has over 50 %), ${d.rmsDb} dBFS`);
  } else {
    t.say(`caller audio: ${c.frames.length} frames so far (seq ${c.frames[0].seq}…, +1 and +160 each), 0.5 s of it is ${toneText(d)}`);
  }
  for (const w of wrong) t.say(`WRONG (checked again at the end): ${w}`);
  t.measure('socket open → first caller audio louder than -50 dBFS', heard[0].at - c.at);

  // ---- agent audio: 2.5 s of 1 kHz, all at once; Bob hears it, then `played`
  const listening = b.evaluate((x) => window.e2e.remoteLevels(x), { key, ms: 3000, stop: { loud: -40 } });
  await new Promise((r) => setTimeout(r, 100));   // the page is listening before the tone leaves
  const sentAt = Date.now();
  for (const f of toneFrames(agentTone.hz, agentTone.seconds)) c.ws.send(f);
  c.ws.send(JSON.stringify({ command: 'bogus' }));
  const lv = await listening;
  check(lv.stoppedBy === 'loud', `Bob heard nothing within 3 s of the agent's audio: ${lv.error || `loudest ${lv.maxDb} dBFS`}`);
  t.measure('agent audio sent → Bob hears it', lv.firstLoudAt - sentAt);
  await checkRemoteTones(t, 'agent audio', [{ page: b, key, who: 'Bob', hears: agentTone.hz }]);
  const err = await until(() => c.events.find((e) => e.event === 'error'), { timeoutMs: 2000, everyMs: 20 });
  check(err && /bogus/.test(err.message), `{"command":"bogus"} got no error event naming it: ${JSON.stringify(err)}`);
  t.say(`{"command":"bogus"} → error "${err.message}"`);
  const played = await until(() => c.events.find((e) => e.event === 'played' && e.at - sentAt >= agentTone.seconds * 1000 - 500),
    { timeoutMs: agentTone.seconds * 1000 + 4000, everyMs: 20 });
  const early = c.events.filter((e) => e.event === 'played' && e.at - sentAt < agentTone.seconds * 1000 - 500);
  check(played, `no played event after the ${agentTone.seconds} s of audio: ${JSON.stringify(c.events.map((e) => e.event))}`);
  check(!early.length, `played came ${early[0]?.at - sentAt} ms after ${agentTone.seconds} s of audio was sent (before it could have been played)`);
  t.measure(`${agentTone.seconds} s of agent audio sent → played`, played.at - sentAt);

  // ---- DTMF 5 → one dtmf event
  const d5 = await b.evaluate((x) => window.e2e.dtmf(x), { key, tones: '5' });
  check(!d5.error, `Bob cannot send DTMF: ${d5.error}`);
  const tone5 = await b.evaluate((x) => window.e2e.waitCall(x), { key, events: ['dtmf:5'], timeoutMs: 2000 });
  check(tone5.event === 'dtmf:5', 'Bob\'s RTCDTMFSender never played 5');
  const dtmf = await until(() => c.events.find((e) => e.event === 'dtmf'), { timeoutMs: 3000, everyMs: 10 });
  check(dtmf, `no dtmf event within 3 s of Bob's 5: ${JSON.stringify(c.events.map((e) => e.event))}`);
  check(dtmf.digit === '5', `dtmf event ${JSON.stringify(dtmf)}, not digit 5`);
  t.measure('Bob\'s DTMF 5 (tone start) → dtmf event', dtmf.at - tone5.at);
  await new Promise((r) => setTimeout(r, 700));   // the end packets (sent three times) must not count again
  const dtmfs = c.events.filter((e) => e.event === 'dtmf');
  check(dtmfs.length === 1, `one key press gave ${dtmfs.length} dtmf events: ${JSON.stringify(dtmfs)}`);
  await checkCallerUntouched('before the transfer', b, key);
  const g1 = await gatewayAgents();
  check(g1.count === 1 && g1.calls[0]?.agent === 'streambot' && g1.calls[0]?.caller === bob.user,
    `tabphone:agents should show streambot's call from Bob:\n${g1.text}`);
  t.say(`tabphone:agents: 1 agent call (streambot, caller ${bob.user}, RTP ${g1.calls[0]['rtp in/out']})`);

  // ---- transfer to alice
  const before = c.events.length;
  const cmdAt = Date.now();
  c.ws.send(JSON.stringify({ command: 'transfer', target: 'alice' }));
  const trying = await until(() => c.events.slice(before).find((e) => e.event === 'transfer'), { timeoutMs: 2000, everyMs: 10 });
  check(trying?.status === 100 && trying.target === 'alice', `the first transfer event is ${JSON.stringify(trying)}, not status 100 for alice`);
  const al = await colleagueAnswers(t, 'transfer', { page: a, id: 'alice', index: 0, callerUser: bob.user });
  t.measure('transfer command → Alice rings', al.invite.at - cmdAt);
  const closed = await until(() => c.closed, { timeoutMs: 5000, everyMs: 10 });
  const after = c.events.slice(before);
  t.note(`events after the transfer command: ${JSON.stringify(after)}`);
  const names = after.map((e) => (e.event === 'transfer' ? `transfer ${e.status}` : e.event === 'stop' ? `stop ${e.reason}` : e.event));
  if (JSON.stringify(names) !== JSON.stringify(['transfer 100', 'transfer 200', 'stop transferred'])) {
    wrong.push(`events after the transfer command: ${names.join(', ')} (expected transfer 100, transfer 200, stop transferred)`);
    t.say(`WRONG (checked again at the end): ${wrong.at(-1)}`);
  }
  check(closed, 'the gateway did not close the socket after stop');
  t.say(`after the transfer command: ${names.join(', ')}; socket closed ${closed.code} "${closed.reason}"`);
  const ok200 = after.find((e) => e.event === 'transfer' && e.status === 200);
  if (ok200) t.measure('transfer command → transfer 200', ok200.at - cmdAt);
  t.measure('transfer command → socket closed', closed.at - cmdAt);
  check(!c.bad.length, `text frames that are not JSON: ${c.bad.join(' | ')}`);
  check(agent.conns.length === 1, `the gateway opened ${agent.conns.length} sockets for one call`);

  await checkTransferredCall(t, {
    caller: { page: b, key, who: 'Bob', tone: bob.tone },
    colleague: { page: a, key: al.key, who: 'Alice', tone: alice.tone, pageLabel: 'sipjs-1001', callId: al.invite.callId },
  });

  // ---- G.711: a second call, μ-law frames, to the agent's second number
  writeFileSync(cfgFile, `# written by e2e/browser/tests/agent-stream.mjs\nname = streambot\ntenant = demo\nnumbers = 801, 802\ntype = stream\nurl = ${url}\nstream.encoding = pcmu\n`);
  const relisted = await until(async () => {
    const g = await gatewayAgents();
    return g.agents.some((r) => r.agent === 'streambot' && /802/.test(r.numbers)) ? g : null;
  }, { timeoutMs: 10000, everyMs: 250 });
  check(relisted, `tabphone:agents never listed streambot on 802:\n${(await gatewayAgents()).text}`);
  const key2 = 'bob-to-802';
  await bobCallsAndListens(b, { key: key2, number: '802', domain });
  const c2 = await until(() => agent.conns[1], { timeoutMs: 5000, everyMs: 20 });
  check(c2, 'the gateway never connected to the stream agent for the second call');
  const start2 = await until(() => c2.events.find((e) => e.event === 'start'), { timeoutMs: 3000, everyMs: 20 });
  t.note(`start (pcmu): ${JSON.stringify(start2)}`);
  check(start2?.format === 'PCMU' && start2.rate === 8000 && start2.frameMs === 20,
    `with stream.encoding = pcmu the start event is ${JSON.stringify(start2)}, not format PCMU, 8000 Hz, 20 ms`);
  check(start2.number === '802' && start2.dialled === '802',
    `Bob dialled 802 (the agent's second number): start has number ${start2.number}, dialled ${start2.dialled}`);
  t.say(`pcmu: start format ${start2.format}, number ${start2.number}, dialled ${start2.dialled}`);
  const mu = (f) => ulawFrameOf(f.raw);
  const heard2 = await until(() => { const l = c2.frames.map(mu).filter(loud); return l.length >= 25 ? l : null; }, { timeoutMs: 8000, everyMs: 50 });
  check(heard2, `no μ-law caller audio louder than -50 dBFS within 8 s: ${c2.frames.length} frames`);
  const badSize = c2.frames.find((f) => f.bytes !== 8 + 160);
  check(!badSize, `a μ-law audio frame of ${badSize?.bytes} bytes (8-byte header + 160 bytes = 168)`);
  const d2 = dominant(concat(heard2.slice(-25)));
  check(Math.abs(d2.hz - bob.tone) <= bob.tone * 0.05 && d2.share > 0.5, `μ-law caller audio decodes to ${toneText(d2)}, not Bob's ${bob.tone} Hz`);
  t.say(`pcmu caller audio: ${c2.frames.length} frames of 168 bytes, 0.5 s of it decodes to ${toneText(d2)}`);
  const listening2 = b.evaluate((x) => window.e2e.remoteLevels(x), { key: key2, ms: 3000, stop: { loud: -40 } });
  await new Promise((r) => setTimeout(r, 100));
  for (const f of toneFrames(agentTone.hz, 2, { ulaw: true })) c2.ws.send(f);
  const lv2 = await listening2;
  check(lv2.stoppedBy === 'loud', `Bob heard nothing within 3 s of the agent's μ-law audio: ${lv2.error || `loudest ${lv2.maxDb} dBFS`}`);
  await checkRemoteTones(t, 'agent audio (pcmu)', [{ page: b, key: key2, who: 'Bob', hears: agentTone.hz }]);
  c2.ws.send(JSON.stringify({ command: 'hangup' }));
  const ended = await b.evaluate((x) => window.e2e.waitCall(x), { key: key2, events: ['ended', 'failed'], timeoutMs: 5000 });
  check(ended.event === 'ended', `the agent's hangup did not end Bob's call: ${ended.event}`);
  const stop2 = await until(() => c2.events.find((e) => e.event === 'stop'), { timeoutMs: 3000, everyMs: 20 });
  check(stop2?.reason === 'agent', `after the agent's hangup: stop ${JSON.stringify(stop2)}, not reason agent`);
  t.say('pcmu: the agent\'s hangup ended Bob\'s call; stop reason agent');

  // ---- inbound: the agent connects to the gateway with its token
  const token = `e2e-${process.pid}-${Date.now()}`;
  writeFileSync(cfgFile, `# written by e2e/browser/tests/agent-stream.mjs\nname = streambot\ntenant = demo\nnumbers = 801, 802\ntype = stream\ntoken = ${token}\n`);
  const inboundUrl = 'ws://127.0.0.1:8095/agents/streambot';
  const refusedWith = async (headers) => new Promise((resolve) => {
    const ws = new WebSocket(inboundUrl, { headers });
    ws.on('unexpected-response', (req, res) => { resolve(res.statusCode); req.destroy(); });
    ws.on('open', () => { ws.terminate(); resolve(101); });
    ws.on('error', (e) => resolve(e.code || String(e)));
  });
  const wrong401 = await until(async () => ((await refusedWith({ Authorization: 'Bearer wrong' })) === 401 ? 401 : null), { timeoutMs: 10000, everyMs: 250 });
  check(wrong401, `a wrong token never got 401 from ${inboundUrl} (last: ${await refusedWith({ Authorization: 'Bearer wrong' })})`);
  t.say(`inbound: a wrong token gets ${wrong401}`);
  const inbound = { events: [], frames: [], closed: null };
  inbound.ws = await new Promise((resolve, reject) => {
    const ws = new WebSocket(inboundUrl, { headers: { Authorization: `Bearer ${token}` } });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (req, res) => reject(new Error(`the right token got HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('message', (data, binary) => {
      const at = Date.now();
      if (binary) { const bb = Buffer.from(data); inbound.frames.push({ ...frameOf(bb), bytes: bb.length, at }); } else inbound.events.push({ ...JSON.parse(String(data)), at });
    });
    ws.on('close', (code) => { inbound.closed = { code, at: Date.now() }; });
  });
  const key3 = 'bob-to-801-inbound';
  const conns = agent.conns.length;
  await bobCallsAndListens(b, { key: key3, number: '801', domain });
  const start3 = await until(() => inbound.events.find((e) => e.event === 'start'), { timeoutMs: 3000, everyMs: 20 });
  check(start3?.format === 'L16' && start3.number === '801' && start3.caller === bob.user,
    `no start event for Bob's call on the agent's own socket: ${JSON.stringify(inbound.events)}`);
  check(agent.conns.length === conns, 'the gateway dialled the agent although it has no url');
  const heard3 = await until(() => { const l = inbound.frames.filter(loud); return l.length >= 25 ? l : null; }, { timeoutMs: 8000, everyMs: 50 });
  check(heard3, `no caller audio on the agent's socket within 8 s: ${inbound.frames.length} frames`);
  const d3 = dominant(concat(heard3.slice(-25)));
  check(Math.abs(d3.hz - bob.tone) <= bob.tone * 0.05 && d3.share > 0.5, `caller audio on the agent's socket is ${toneText(d3)}, not ${bob.tone} Hz`);
  const listening3 = b.evaluate((x) => window.e2e.remoteLevels(x), { key: key3, ms: 3000, stop: { loud: -40 } });
  await new Promise((r) => setTimeout(r, 100));
  for (const f of toneFrames(agentTone.hz, 2)) inbound.ws.send(f);
  const lv3 = await listening3;
  check(lv3.stoppedBy === 'loud', `Bob heard nothing of the inbound agent's audio: ${lv3.error || `loudest ${lv3.maxDb} dBFS`}`);
  await checkRemoteTones(t, 'inbound agent audio', [{ page: b, key: key3, who: 'Bob', hears: agentTone.hz }]);
  inbound.ws.send(JSON.stringify({ command: 'hangup' }));
  const ended3 = await b.evaluate((x) => window.e2e.waitCall(x), { key: key3, events: ['ended', 'failed'], timeoutMs: 5000 });
  check(ended3.event === 'ended', `the inbound agent's hangup did not end Bob's call: ${ended3.event}`);
  const closed3 = await until(() => inbound.closed, { timeoutMs: 5000, everyMs: 20 });
  check(closed3, 'the gateway did not close the inbound agent\'s socket after the call');
  t.say(`inbound: start on the agent's socket (${start3.format}, number ${start3.number}), ${toneText(d3)} from Bob, 1 kHz back reaches Bob, hangup ends the call, socket closed ${closed3.code}`);

  await unregisterAll(t, [{ page: a, lib: 'sipjs', id: 'alice' }, { page: b, lib: 'jssip', id: 'bob' }]);

  // the agent goes away with its file
  removeCfg();
  const t1 = Date.now();
  const unlisted = await until(async () => !(await gatewayAgents()).agents.some((r) => r.agent === 'streambot'), { timeoutMs: 10000, everyMs: 250 });
  check(unlisted, `tabphone:agents still lists streambot 10 s after ${cfgFile} was removed`);
  t.measure('cfg removed → streambot gone from tabphone:agents', Date.now() - t1);
  check(!wrong.length, `on the agent's socket: ${wrong.join('; ')}`);
}, {
  timeoutMs: 60000,
  fakeAudioWav: wav,
  cleanup: async () => {
    removeCfg();
    for (const c of agent.conns) c.ws.terminate();
    agent.server.close();
  },
});
