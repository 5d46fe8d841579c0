// RTCP through the gateway, seen from two browsers. The gateway rewrites SSRC, sequence numbers and
// timestamps per leg, so it terminates RTCP: each browser gets SRTCP from the gateway's SSRC toward it
// (an SR about the stream the gateway sends it, a report block about the browser's own stream with
// LSR/DLSR echoing the browser's SR, SDES CNAME). Chromium turns a report block about its outbound
// SSRC into a remote-inbound-rtp stats report with roundTripTime, and the gateway's SR into a
// remote-outbound-rtp one: before the gateway sent RTCP neither existed. JsSIP 1001 (440 Hz) calls
// SIP.js 1002 (1 kHz), both hear each other, then each side's stats must show both reports, matched
// to its outbound / inbound SSRC, with a round trip measured (inside the test's own network
// namespace: well under a second), within 20 s of the answer (reports come every ~5 s each way).
import { runBrowserTest, check, until } from '../lib/harness.mjs';
import { answerCall, checkAudio, placeCall, registerJssipAndSipjs, unregisterAll } from '../lib/calls.mjs';

const alice = { user: '1001', password: 'demo1001', tone: 440 };
const bob = { user: '1002', password: 'demo1002', tone: 1000 };

await runBrowserTest('browser-call-rtcp', async (t) => {
  const target = `sip:${bob.user}@${t.cfg.domain}`;
  const { a, b } = await registerJssipAndSipjs(t, { alice, bob });

  const label = 'call';
  const { callerKey, calleeKey } = await placeCall(t, label, { callerPage: a, callerId: 'alice', calleePage: b, calleeId: 'bob',
    index: 0, target, tone: alice.tone });
  await answerCall(t, label, { callerPage: a, callerKey, calleePage: b, calleeKey });
  const answered = Date.now();
  await checkAudio(t, label, [
    { page: a, key: callerKey, who: 'JsSIP', hears: bob.tone },
    { page: b, key: calleeKey, who: 'SIP.js', hears: alice.tone },
  ]);

  for (const [page, key, who] of [[a, callerKey, 'JsSIP'], [b, calleeKey, 'SIP.js']]) {
    let s = null;
    const ok = await until(async () => {
      s = await page.evaluate((x) => window.e2e.rtcpStats(x), { key });
      return s?.remoteInbound?.roundTripTimeMeasurements > 0 && s?.remoteOutbound?.packetsSent > 0;
    }, { timeoutMs: Math.max(1000, 20000 - (Date.now() - answered)), everyMs: 250 });
    t.note(`${who} RTCP stats: ${JSON.stringify(s)}`);
    check(s?.remoteInbound,
      `${who}: no remote-inbound-rtp for its outbound audio 20 s after the answer (no report block from the gateway): ${JSON.stringify(s)}`);
    check(ok, `${who}: remote-inbound-rtp without a round trip, or no remote-outbound-rtp (no SR from the gateway), 20 s after the answer: ${JSON.stringify(s)}`);
    check(s.remoteInbound.ssrc === s.outboundSsrc, `${who}: remote-inbound-rtp is about SSRC ${s.remoteInbound.ssrc}, its outbound audio is ${s.outboundSsrc}`);
    check(s.remoteOutbound.ssrc === s.inboundSsrc, `${who}: remote-outbound-rtp is about SSRC ${s.remoteOutbound.ssrc}, its inbound audio is ${s.inboundSsrc}`);
    const rtt = s.remoteInbound.roundTripTime;
    check(rtt >= 0 && rtt < 1, `${who}: round trip ${rtt} s through the gateway on one host`);
    check(s.remoteInbound.packetsLost <= 5, `${who}: the gateway reports ${s.remoteInbound.packetsLost} of its packets lost on loopback`);
    t.measure(`${label}: answer → ${who} has remote-inbound-rtp with a round trip`, Date.now() - answered);
    t.say(`${who}: remote-inbound-rtp ssrc ${s.remoteInbound.ssrc}: roundTripTime ${(rtt * 1000).toFixed(1)} ms `
      + `(${s.remoteInbound.roundTripTimeMeasurements} measurements), packetsLost ${s.remoteInbound.packetsLost}, `
      + `fractionLost ${s.remoteInbound.fractionLost}, jitter ${s.remoteInbound.jitter}; remote-outbound-rtp ssrc `
      + `${s.remoteOutbound.ssrc}: packetsSent ${s.remoteOutbound.packetsSent}, reportsSent ${s.remoteOutbound.reportsSent}`);
  }

  const h = await a.evaluate((x) => window.e2e.hangup(x), { key: callerKey });
  const bye = await b.evaluate((x) => window.e2e.waitCall(x), { key: calleeKey, events: ['bye'], timeoutMs: 5000 });
  check(bye.event === 'bye', `SIP.js got no BYE after JsSIP hung up`);
  t.measure(`${label}: JsSIP hangup → SIP.js onBye`, bye.at - h.at);
  await unregisterAll(t, [{ page: a, lib: 'jssip', id: 'alice' }, { page: b, lib: 'sipjs', id: 'bob' }]);
}, { timeoutMs: 60000 });
