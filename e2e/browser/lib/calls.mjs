// Steps and checks shared by the call tests (browser-call, browser-call-cancel, sipp-call). The
// pages' call helpers are in page/e2e.js (window.e2e.jssipCall, sipjsAnswer, waitCall, ...); every
// event carries `at`, epoch milliseconds on the browser's clock, so times across tabs compare.
import { check, until } from './harness.mjs';

/**
 * The usual pair: JsSIP "alice" (alice.user) on page jssip-1001 and SIP.js "bob" (bob.user, whose
 * calls answer with bob.tone) on page sipjs-1002, both registered. Returns both pages.
 */
export async function registerJssipAndSipjs(t, { alice, bob }) {
  const a = await t.openPage('jssip-1001');
  const b = await t.openPage('sipjs-1002');
  const ra = await a.evaluate((x) => window.e2e.jssipRegister(x),
    { id: 'alice', server: t.cfg.wss, uri: `sip:${alice.user}@${t.cfg.domain}`, password: alice.password });
  check(ra.event === 'registered', `JsSIP 1001 got ${ra.event}, not registered`);
  await sipjsRegister(t, b, 'bob', bob);
  return { a, b };
}

/** SIP.js `id` registers `party` (user, password) on `page`; its incoming calls answer with party.tone. */
export async function sipjsRegister(t, page, id, party) {
  const r = await page.evaluate((x) => window.e2e.sipjsRegister(x),
    { id, server: t.cfg.wss, aor: `sip:${party.user}@${t.cfg.domain}`, username: party.user, password: party.password,
      call: { tone: party.tone } });
  check(r.event === 'Registered', `SIP.js ${party.user} got ${r.event}, not Registered`);
}

const frameCallId = (payload) => /^(?:Call-ID|i)\s*:\s*(.+)$/mi.exec(payload)?.[1].trim();

/**
 * JsSIP (callerId in callerPage) calls target; SIP.js (calleeId in calleePage) must get the INVITE
 * (its `index`-th incoming call) and the caller a 180. Returns the keys of both ends.
 */
export async function placeCall(t, label, { callerPage, callerId, calleePage, calleeId, index, target, tone }) {
  const callerKey = `${label}:caller`;
  await callerPage.evaluate((x) => window.e2e.jssipCall(x), { id: callerId, key: callerKey, target, tone });
  const inc = await calleePage.evaluate((x) => window.e2e.waitIncoming(x), { id: calleeId, index, timeoutMs: 5000 });
  const callerState = await callerPage.evaluate((x) => window.e2e.callState(x), { key: callerKey });
  check(inc.key, `${label}: SIP.js got no INVITE within 5 s; JsSIP saw ${JSON.stringify(callerState.events)}`);
  const calleeKey = inc.key;
  const progress = await callerPage.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['progress', 'failed', 'ended'], timeoutMs: 5000 });
  check(progress.event === 'progress', `${label}: JsSIP got ${progress.event} (${progress.cause || ''} ${progress.status || ''}) instead of a provisional response`);
  check(progress.status === 180, `${label}: JsSIP's first provisional response was ${progress.status} ${progress.reason}, not 180`);
  const sending = (await callerPage.evaluate((x) => window.e2e.callState(x), { key: callerKey })).events.find((e) => e.event === 'sending');
  const invite = inc.events.find((e) => e.event === 'invite');
  check(sending && invite, `${label}: no INVITE sending/arrival stamps`);
  check(invite.callId !== sending.callId, `${label}: the callee leg reuses the caller's Call-ID ${sending.callId} (a B2BUA leg is a new dialog)`);
  t.measure(`${label}: JsSIP INVITE sent → 180 at JsSIP`, progress.at - sending.at);
  t.measure(`${label}: JsSIP INVITE sent → SIP.js rings (onInvite)`, invite.at - sending.at);
  t.say(`${label}: SIP.js rings: From ${invite.from}, Request-URI ${invite.ruri}, Call-ID ${invite.callId} (caller's ${sending.callId})`);
  return { callerKey, calleeKey, callerCallId: sending.callId, calleeCallId: invite.callId };
}

/** SIP.js answers; JsSIP must get accepted and confirmed, and both peer connections connect. */
export async function answerCall(t, label, { callerPage, callerKey, calleePage, calleeKey }) {
  await calleePage.evaluate((x) => window.e2e.sipjsAnswer(x), { key: calleeKey });
  const confirmed = await callerPage.evaluate((x) => window.e2e.waitCall(x),
    { key: callerKey, events: ['confirmed', 'failed', 'ended'], timeoutMs: 8000 });
  const ce = await calleePage.evaluate((x) => window.e2e.callState(x), { key: calleeKey });
  check(confirmed.event === 'confirmed',
    `${label}: JsSIP got ${confirmed.event} ${confirmed.cause || ''} after SIP.js answered, not confirmed; SIP.js saw ${JSON.stringify(ce.events.map((e) => e.event))}`);
  const cr = await callerPage.evaluate((x) => window.e2e.callState(x), { key: callerKey });
  const accepted = cr.events.find((e) => e.event === 'accepted');
  check(accepted && accepted.status === 200, `${label}: JsSIP confirmed without an accepted (200) event: ${JSON.stringify(cr.events)}`);
  const accept = ce.events.find((e) => e.event === 'accept');
  t.measure(`${label}: SIP.js accept() → 200 at JsSIP (accepted)`, accepted.at - accept.at);
  t.measure(`${label}: SIP.js accept() → JsSIP confirmed (ACK sent)`, confirmed.at - accept.at);
  const [pa, pb] = await Promise.all([
    callerPage.evaluate((x) => window.e2e.waitCall(x), { key: callerKey, events: ['pc:connected', 'pc:failed'], timeoutMs: 10000 }),
    calleePage.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['pc:connected', 'pc:failed'], timeoutMs: 10000 }),
  ]);
  check(pa.event === 'pc:connected', `${label}: JsSIP's RTCPeerConnection reached ${pa.event}, not connected`);
  check(pb.event === 'pc:connected', `${label}: SIP.js's RTCPeerConnection reached ${pb.event}, not connected`);
  t.measure(`${label}: SIP.js accept() → both RTCPeerConnections connected`, Math.max(pa.at, pb.at) - accept.at);
}

/**
 * Audio both ways: inbound-rtp packetsReceived > 0 on each side, and each side's remote track
 * carries the other side's tone (AnalyserNode peak within 30 Hz). ends: [{page, key, who, hears}].
 */
export async function checkAudio(t, label, ends) {
  for (const e of ends) {
    const s = await until(async () => {
      const r = await e.page.evaluate((x) => window.e2e.rtpStats(x), { key: e.key });
      return r?.inbound?.packetsReceived > 0 ? r : null;
    }, { timeoutMs: 5000, everyMs: 100 });
    check(s, `${label}: ${e.who} received no RTP within 5 s of connecting`);
    e.stats = s;
  }
  const tones = await Promise.all(ends.map((e) => e.page.evaluate((x) => window.e2e.remoteTone(x), { key: e.key, ms: 700 })));
  ends.forEach((e, i) => {
    const tone = tones[i];
    t.note(`${label}: ${e.who} remote tone analysis ${JSON.stringify(tone)}`);
    check(!tone.error, `${label}: ${e.who}: ${tone.error}`);
    check(Math.abs(tone.hz - e.hears) <= 30, `${label}: ${e.who} hears ${tone.hz} Hz (${tone.db} dB), not the far side's ${e.hears} Hz`);
  });
  for (const e of ends) {
    const s = await e.page.evaluate((x) => window.e2e.rtpStats(x), { key: e.key });
    t.say(`${label}: ${e.who} hears ${tones[ends.indexOf(e)].hz} Hz (the far side sends ${e.hears} Hz), ${s.inbound.packetsReceived} RTP packets in, ` +
      `${s.outbound?.packetsSent} out, ICE pair ${s.pair?.local} ⇄ ${s.pair?.remote}, DTLS ${s.pair?.dtls}`);
  }
}

/**
 * The side that got a BYE answered it: a 200 for a BYE with this Call-ID in the frames that page
 * sent (the harness records frames a moment after the page's event, hence the wait).
 */
export async function checkByeAnswered(t, label, pageLabel, callId) {
  const ok = await until(() => t.frames.some((f) => f.label === pageLabel && f.dir === 'out'
    && /^SIP\/2\.0 200 /.test(f.payload) && /^CSeq:\s*\d+ BYE/mi.test(f.payload) && frameCallId(f.payload) === callId),
  { timeoutMs: 2000, everyMs: 20 });
  check(ok, `${label}: ${pageLabel} sent no 200 for the BYE of Call-ID ${callId}`);
}

/**
 * In-dialog requests a basic call does not need (re-INVITE, UPDATE, INFO, MESSAGE) get 501 from
 * the gateway today; a library that sends one during these calls is a gateway gap to report.
 */
export function checkNoUnsupported(t) {
  const bad = t.frames.filter((f) => /^SIP\/2\.0 501 /.test(f.payload));
  const requests = t.frames.filter((f) => f.dir === 'out' && /^(INVITE|UPDATE|INFO|MESSAGE|REFER|PRACK) /.test(f.payload)
    && /^To:.*;tag=/mi.test(f.payload));
  for (const r of requests) t.say(`in-dialog ${r.payload.split(' ')[0]} from ${r.label} (Call-ID ${frameCallId(r.payload)})`);
  check(!bad.length, `the gateway answered 501 during the calls:\n${bad.map((f) => `[${f.label} ${f.dir}] ${f.payload.split('\r\n')[0]} Call-ID ${frameCallId(f.payload)}`).join('\n')}`);
}

/** Un-REGISTERs every UA, so later tests' INVITEs do not fork to contacts that are gone. */
export async function unregisterAll(t, uas) {
  for (const u of uas) {
    const r = await u.page.evaluate((x) => (x.lib === 'jssip' ? window.e2e.jssipUnregister(x) : window.e2e.sipjsUnregister(x)),
      { lib: u.lib, id: u.id });
    check(/^unregistered$/i.test(r.event), `${u.id}: unregister gave ${r.event}`);
  }
}
