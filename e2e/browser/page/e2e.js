// Helpers the tests call in the page with page.evaluate: each drives one SIP stack (JsSIP or
// SIP.js) and resolves with what it saw, never throws for a SIP outcome (the test in node judges).
// UAs are kept by id so a test can register, look at the gateway from outside, then unregister.
(() => {
  const uas = new Map();
  const now = () => performance.now();
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));

  // JsSIP's own debug log (console-clean.js makes its lines plain text for the saved log)
  function jssipDebug() {
    if (jssipDebug.done) return;
    jssipDebug.done = true;
    JsSIP.debug.enable('JsSIP:*');
  }

  function responseInfo(r) {
    if (!r) return null;
    return { status: r.status_code, reason: r.reason_phrase, contacts: r.getHeaders('contact'),
      expires: r.getHeader('expires') || null, raw: String(r.data || '') };
  }

  // Starts a JsSIP UA that registers itself; resolves at `registered` or `registrationFailed`.
  async function jssipRegister({ id, server, uri, password, timeoutMs = 10000 }) {
    jssipDebug();
    const t0 = now();
    const socket = new JsSIP.WebSocketInterface(server);
    const ua = new JsSIP.UA({ sockets: [socket], uri, password, register: true, register_expires: 600,
      connection_recovery_min_interval: 2, connection_recovery_max_interval: 4, user_agent: 'tabphone-e2e JsSIP' });
    const events = [];
    uas.set(id, { kind: 'jssip', ua, events });
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ event: 'timeout' }), timeoutMs);
      ua.on('connected', () => events.push({ event: 'connected', ms: now() - t0 }));
      ua.on('disconnected', (e) => events.push({ event: 'disconnected', ms: now() - t0, error: !!e.error, code: e.code, reason: e.reason }));
      ua.on('registered', (e) => { clearTimeout(timer); resolve({ event: 'registered', response: responseInfo(e.response) }); });
      ua.on('registrationFailed', (e) => { clearTimeout(timer); resolve({ event: 'registrationFailed', cause: e.cause, response: responseInfo(e.response) }); });
      ua.start();
    });
    const contact = ua.contact;
    return { ...result, ms: now() - t0, events, ownContact: contact.toString(), ownHost: contact.uri.host };
  }

  async function jssipUnregister({ id, timeoutMs = 10000 }) {
    const { ua } = uas.get(id);
    const t0 = now();
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ event: 'timeout' }), timeoutMs);
      ua.on('unregistered', (e) => { clearTimeout(timer); resolve({ event: 'unregistered', cause: e.cause || null, response: responseInfo(e.response) }); });
      ua.unregister();
    });
    return { ...result, ms: now() - t0 };
  }

  async function jssipStop({ id }) {
    const entry = uas.get(id);
    if (!entry) return;
    entry.ua.stop();
    uas.delete(id);
    await wait(50);
  }

  function sipjsResponseInfo(incoming) {
    const m = incoming.message;
    return { status: m.statusCode, reason: m.reasonPhrase, contacts: m.getHeaders('contact'),
      expires: m.getHeader('expires') || null, raw: String(m.data || '') };
  }

  // SIP.js: UserAgent + Registerer; resolves when the Registerer reaches Registered, or the
  // REGISTER is rejected, or the time is up.
  // `call` (optional, for the call tests): {tone: Hz sent as this UA's microphone, autoAnswer}
  // makes the UA take calls (window.e2eCalls, the call helpers at the end of this file).
  async function sipjsRegister({ id, server, aor, username, password, timeoutMs = 10000, call = null }) {
    const t0 = now();
    const ua = new SIP.UserAgent({
      uri: SIP.UserAgent.makeURI(aor), transportOptions: { server, connectionTimeout: 5 },
      authorizationUsername: username, authorizationPassword: password,
      logLevel: 'debug', logBuiltinEnabled: true, userAgentString: 'tabphone-e2e SIP.js',
      ...(call ? window.e2eCalls.sipjsCallOptions(call) : {}),
    });
    const registerer = new SIP.Registerer(ua, { expires: 600 });
    const events = [];
    uas.set(id, { kind: 'sipjs', ua, registerer, events });
    if (call) window.e2eCalls.sipjsTakeCalls(id, ua, call);
    registerer.stateChange.addListener((s) => events.push({ event: `state:${s}`, ms: now() - t0 }));
    let response = null;
    let rejected = null;
    try {
      await ua.start();
    } catch (e) {
      return { event: 'connectFailed', error: String(e), ms: now() - t0, events };
    }
    events.push({ event: 'connected', ms: now() - t0 });
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ event: 'timeout' }), timeoutMs);
      registerer.stateChange.addListener((s) => {
        if (s === SIP.RegistererState.Registered) { clearTimeout(timer); resolve({ event: 'Registered' }); }
      });
      registerer.register({ requestDelegate: {
        onAccept: (r) => { response = sipjsResponseInfo(r); },
        onReject: (r) => { rejected = sipjsResponseInfo(r); clearTimeout(timer); resolve({ event: 'rejected' }); },
      } }).catch((e) => { clearTimeout(timer); resolve({ event: 'error', error: String(e) }); });
    });
    return { ...result, response: response || rejected, ms: now() - t0, events, state: registerer.state,
      ownContact: ua.contact.toString(), ownHost: ua.contact.uri.host };
  }

  async function sipjsUnregister({ id, timeoutMs = 10000 }) {
    const { registerer } = uas.get(id);
    const t0 = now();
    let response = null;
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ event: 'timeout' }), timeoutMs);
      registerer.stateChange.addListener((s) => {
        if (s === SIP.RegistererState.Unregistered) { clearTimeout(timer); resolve({ event: 'Unregistered' }); }
      });
      registerer.unregister({ requestDelegate: {
        onAccept: (r) => { response = sipjsResponseInfo(r); },
        onReject: (r) => { response = sipjsResponseInfo(r); clearTimeout(timer); resolve({ event: 'rejected' }); },
      } }).catch((e) => { clearTimeout(timer); resolve({ event: 'error', error: String(e) }); });
    });
    // the state may change before the 200's delegate has run
    for (let i = 0; i < 20 && !response && result.event === 'Unregistered'; i++) await wait(10);
    return { ...result, response, ms: now() - t0, state: registerer.state };
  }

  async function sipjsStop({ id }) {
    const entry = uas.get(id);
    if (!entry) return;
    await entry.ua.stop();
    uas.delete(id);
  }

  window.e2e = { jssipRegister, jssipUnregister, jssipStop, sipjsRegister, sipjsUnregister, sipjsStop,
    ua: (id) => uas.get(id)?.ua };
  document.getElementById('status') && (document.getElementById('status').textContent = 'ready');
})();

// Call helpers for the call tests (window.e2eCalls): JsSIP places calls, SIP.js takes them, each call kept under a key with its events stamped in epoch milliseconds
// (performance.timeOrigin + now(): one clock for every page of the browser, so a test can take
// the time from an event in one tab to an event in another). Media is a WebAudio oscillator per
// call (a distinct tone each way), and the far side's tone is found with an AnalyserNode.
(() => {
  const calls = new Map();
  const at = () => performance.timeOrigin + performance.now();
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const noIce = { iceServers: [] };   // the namespace has no route to any STUN server

  function callRecord(key, lib) {
    const rec = { key, lib, events: [], session: null, pc: null };
    calls.set(key, rec);
    return rec;
  }
  function record(rec, event, extra = {}) {
    rec.events.push({ event, at: at(), ...extra });
    console.log(`call ${rec.key}: ${event}${Object.keys(extra).length ? ' ' + JSON.stringify(extra) : ''}`);
  }
  function watchPc(rec, pc) {
    if (!pc || rec.pc === pc) return;
    rec.pc = pc;
    record(rec, 'pc');
    pc.addEventListener('iceconnectionstatechange', () => record(rec, `ice:${pc.iceConnectionState}`));
    pc.addEventListener('connectionstatechange', () => record(rec, `pc:${pc.connectionState}`));
  }

  let audioCtx = null;
  function audio() {
    if (!audioCtx) audioCtx = new AudioContext();
    if (audioCtx.state !== 'running') audioCtx.resume();
    return audioCtx;
  }
  /** A MediaStream carrying a sine tone: this side's "microphone". */
  function toneStream(freq) {
    const c = audio();
    const osc = c.createOscillator();
    osc.frequency.value = freq;
    const gain = c.createGain();
    gain.gain.value = 0.5;
    const dest = c.createMediaStreamDestination();
    osc.connect(gain).connect(dest);
    osc.start();
    return dest.stream;
  }

  /**
   * This side's "microphone": a WebAudio tone of `tone` Hz, or, for tone 'mic', the browser's
   * capture device — with --use-file-for-fake-audio-capture=<wav> (runBrowserTest's fakeAudioWav)
   * Chromium's fake device plays that file. Echo cancellation, noise suppression and gain control
   * are off: noise suppression takes a steady tone for noise and attenuates it.
   */
  async function localStream(tone) {
    if (tone !== 'mic') return toneStream(tone);
    return navigator.mediaDevices.getUserMedia({ video: false,
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  }

  // ---- JsSIP: outgoing calls from a UA that jssipRegister started
  // Keeps only the named audio codecs (and telephone-event) in an SDP: a browser that offers just
  // PCMU, say, so the gateway has to transcode for a PCMA-only phone.
  function keepCodecs(sdp, codecs) {
    const keep = new Set(codecs.map((c) => c.toUpperCase()).concat('TELEPHONE-EVENT'));
    const names = {};
    for (const m of sdp.matchAll(/^a=rtpmap:(\d+) ([^/\s]+)/gm)) names[m[1]] = m[2].toUpperCase();
    const drop = new Set(Object.keys(names).filter((pt) => !keep.has(names[pt])));
    return sdp.split('\r\n').filter((l) => {
      const a = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(l);
      return !(a && drop.has(a[1]));
    }).map((l) => (l.startsWith('m=audio ')
      ? l.split(' ').filter((f, i) => i < 3 || !drop.has(f)).join(' ') : l)).join('\r\n');
  }

  async function jssipCall({ id, key, target, tone = 440, codecs = null, pcConfig = noIce }) {
    const ua = window.e2e.ua(id);
    const rec = callRecord(key, 'jssip');
    const eventHandlers = {
      sdp: (e) => { if (codecs && e.originator === 'local' && e.type === 'offer') e.sdp = keepCodecs(e.sdp, codecs); },
      peerconnection: (e) => watchPc(rec, e.peerconnection),
      sending: (e) => record(rec, 'sending', { callId: e.request.call_id }),
      progress: (e) => record(rec, 'progress', { status: e.response?.status_code, reason: e.response?.reason_phrase }),
      accepted: (e) => record(rec, 'accepted', { status: e.response?.status_code }),
      confirmed: () => record(rec, 'confirmed'),
      ended: (e) => record(rec, 'ended', { originator: e.originator, cause: e.cause }),
      failed: (e) => record(rec, 'failed', { originator: e.originator, cause: e.cause, status: e.message?.status_code ?? null }),
      newInfo: () => record(rec, 'info'),
      reinvite: () => record(rec, 'reinvite'),
      update: () => record(rec, 'update'),
      hold: (e) => record(rec, `hold:${e.originator}`),
      unhold: (e) => record(rec, `unhold:${e.originator}`),
    };
    record(rec, 'call', { target });
    rec.session = ua.call(target, { mediaStream: await localStream(tone), pcConfig, eventHandlers,
      mediaConstraints: { audio: true, video: false } });
    if (rec.session.connection) watchPc(rec, rec.session.connection);
    return { key };
  }

  // ---- SIP.js: UA options (media factory, no STUN) and incoming calls
  const pendingPc = new WeakMap();   // SIP.js session → its peer connection, until the call has a record
  const bySession = new WeakMap();
  function sipjsCallOptions({ tone = 1000 }) {
    const base = SIP.Web.defaultSessionDescriptionHandlerFactory(async () => localStream(tone));
    return {
      sessionDescriptionHandlerFactory: (session, options) => {
        const sdh = base(session, options);
        const rec = bySession.get(session);
        if (rec) watchPc(rec, sdh.peerConnection); else pendingPc.set(session, sdh.peerConnection);
        return sdh;
      },
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: noIce, iceGatheringTimeout: 2000 },
    };
  }
  function sipjsSession(rec, session) {
    rec.session = session;
    bySession.set(session, rec);
    if (pendingPc.has(session)) watchPc(rec, pendingPc.get(session));
    session.stateChange.addListener((s) => record(rec, `state:${s}`));
    session.delegate = {
      // with a delegate, SIP.js leaves the answer to the BYE (and INFO, MESSAGE) to the application
      onBye: (bye) => { record(rec, 'bye'); bye.accept(); },
      onCancel: () => record(rec, 'cancel'),
      onInfo: (i) => { record(rec, 'info'); i.accept(); },
      onInvite: (req, res, code) => record(rec, 'reinvite', { status: code }),
      onMessage: (m) => { record(rec, 'message'); m.accept(); },
    };
  }
  const incoming = new Map();   // UA id → keys of its incoming calls, in arrival order
  function sipjsTakeCalls(id, ua, { autoAnswer = false }) {
    let n = 0;
    incoming.set(id, []);
    ua.delegate = {
      onInvite: (invitation) => {
        const key = `${id}:in${++n}`;
        const rec = callRecord(key, 'sipjs');
        const r = invitation.request;
        record(rec, 'invite', { callId: r.callId, from: r.from.uri.toString(), ruri: r.ruri.toString() });
        sipjsSession(rec, invitation);
        incoming.get(id).push(key);
        if (autoAnswer) sipjsAnswer({ key });
      },
    };
  }
  async function waitIncoming({ id, index = 0, timeoutMs = 5000 }) {
    const end = at() + timeoutMs;
    while (at() < end) {
      const key = incoming.get(id)?.[index];
      if (key) return { key, events: calls.get(key).events };
      await wait(10);
    }
    return { key: null };
  }
  function sipjsAnswer({ key }) {
    const rec = calls.get(key);
    record(rec, 'accept');
    rec.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
      .then(() => record(rec, 'accept-done'), (e) => record(rec, 'accept-error', { error: String(e) }));
    return { key };
  }
  function sipjsReject({ key, statusCode = 486 }) {
    const rec = calls.get(key);
    record(rec, 'reject', { status: statusCode });
    rec.session.reject({ statusCode });
    return { at: rec.events.at(-1).at };
  }

  // ---- both
  /** Hangs up whatever the state: JsSIP BYE or CANCEL (terminate), SIP.js BYE once established, else a reject. */
  function hangup({ key }) {
    const rec = calls.get(key);
    record(rec, 'hangup');
    if (rec.lib === 'jssip') {
      rec.session.terminate();
    } else {
      const s = rec.session;
      if (s.state === SIP.SessionState.Established) s.bye();
      else s.reject();
    }
    return { at: rec.events.at(-1).at };
  }
  function callState({ key }) {
    const rec = calls.get(key);
    if (!rec) return null;
    const s = rec.session;
    return { key, lib: rec.lib, events: rec.events,
      state: rec.lib === 'jssip' ? s?.status : s?.state,
      pc: rec.pc ? { connection: rec.pc.connectionState, ice: rec.pc.iceConnectionState, signaling: rec.pc.signalingState } : null };
  }
  /** Waits in the page until the call has one of `events`; resolves with it, or {event: 'timeout'}. */
  async function waitCall({ key, events, timeoutMs = 5000 }) {
    const end = at() + timeoutMs;
    while (at() < end) {
      const rec = calls.get(key);
      const hit = rec?.events.find((e) => events.includes(e.event));
      if (hit) return hit;
      await wait(5);
    }
    return { event: 'timeout', events: calls.get(key)?.events };
  }

  /** RTP counters of the call's peer connection, and the ICE pair in use. */
  async function rtpStats({ key }) {
    const pc = calls.get(key)?.pc;
    if (!pc) return null;
    const out = { inbound: null, outbound: null, pair: null };
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((r) => byId.set(r.id, r));
    report.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        out.inbound = { packetsReceived: r.packetsReceived, bytesReceived: r.bytesReceived, packetsLost: r.packetsLost, jitter: r.jitter,
          // NetEq's view: how much audio was pulled (played out) and how long it sat in the jitter buffer
          jitterBufferDelay: r.jitterBufferDelay, jitterBufferEmittedCount: r.jitterBufferEmittedCount,
          jitterBufferTargetDelay: r.jitterBufferTargetDelay, totalSamplesReceived: r.totalSamplesReceived,
          concealedSamples: r.concealedSamples, insertedSamplesForDeceleration: r.insertedSamplesForDeceleration,
          removedSamplesForAcceleration: r.removedSamplesForAcceleration, ssrc: r.ssrc };
      } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
        out.outbound = { packetsSent: r.packetsSent, bytesSent: r.bytesSent };
      } else if (r.type === 'transport' && r.selectedCandidatePairId) {
        const p = byId.get(r.selectedCandidatePairId);
        const l = p && byId.get(p.localCandidateId);
        const rm = p && byId.get(p.remoteCandidateId);
        if (p) out.pair = { state: p.state, local: l && `${l.address}:${l.port} ${l.candidateType}`, remote: rm && `${rm.address}:${rm.port} ${rm.candidateType}`, dtls: r.dtlsState };
      }
    });
    return out;
  }

  /**
   * What the call's RTCP gave the browser: `remoteInbound` (remote-inbound-rtp, made from report
   * blocks about its outbound audio: roundTripTime, fractionLost, packetsLost, jitter), `remoteOutbound`
   * (remote-outbound-rtp, made from the far end's SRs: packetsSent, bytesSent, remoteTimestamp), and
   * the SSRCs of its outbound and inbound audio to match them with.
   */
  async function rtcpStats({ key }) {
    const pc = calls.get(key)?.pc;
    if (!pc) return null;
    const out = { outboundSsrc: null, inboundSsrc: null, remoteInbound: null, remoteOutbound: null };
    const report = await pc.getStats();
    report.forEach((r) => {
      if (r.kind !== 'audio') return;
      if (r.type === 'outbound-rtp') out.outboundSsrc = r.ssrc;
      else if (r.type === 'inbound-rtp') out.inboundSsrc = r.ssrc;
      else if (r.type === 'remote-inbound-rtp') {
        out.remoteInbound = { ssrc: r.ssrc, roundTripTime: r.roundTripTime, totalRoundTripTime: r.totalRoundTripTime,
          roundTripTimeMeasurements: r.roundTripTimeMeasurements, fractionLost: r.fractionLost,
          packetsLost: r.packetsLost, jitter: r.jitter };
      } else if (r.type === 'remote-outbound-rtp') {
        out.remoteOutbound = { ssrc: r.ssrc, packetsSent: r.packetsSent, bytesSent: r.bytesSent,
          remoteTimestamp: r.remoteTimestamp, reportsSent: r.reportsSent };
      }
    });
    return out;
  }

  /** The dominant frequency of what the far side sends, over ms milliseconds of the remote track. */
  async function remoteTone({ key, ms = 600 }) {
    const pc = calls.get(key)?.pc;
    const tracks = (pc ? pc.getReceivers() : []).map((r) => r.track).filter((t) => t && t.kind === 'audio');
    if (!tracks.length) return { error: 'no remote audio track' };
    const c = audio();
    const stream = new MediaStream(tracks);
    // Chromium feeds a remote WebRTC track to WebAudio only while it also plays in a media element
    const el = new Audio();
    el.muted = true;
    el.srcObject = stream;
    el.play().catch(() => {});
    const analyser = c.createAnalyser();
    analyser.fftSize = 8192;
    const src = c.createMediaStreamSource(stream);
    src.connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const peaks = [];
    const end = at() + ms;
    while (at() < end) {
      await wait(100);
      analyser.getFloatFrequencyData(bins);
      let best = 0;
      for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
      peaks.push({ hz: Math.round(best * c.sampleRate / analyser.fftSize), db: Math.round(bins[best]) });
    }
    src.disconnect();
    el.srcObject = null;
    const last = peaks.slice(-3);
    return { hz: last.length ? last[Math.floor(last.length / 2)].hz : 0, db: Math.max(...last.map((p) => p.db)), peaks, sampleRate: c.sampleRate };
  }

  /** The call's negotiated SDP: {local, remote} (the peer connection's current descriptions). */
  function callSdp({ key }) {
    const pc = calls.get(key)?.pc;
    return pc ? { local: pc.localDescription?.sdp || null, remote: pc.remoteDescription?.sdp || null } : null;
  }

  /**
   * Plays the call's remote audio (muted) until the call's page closes, so Chromium pulls it from
   * the jitter buffer as it arrives. Without a sink between two analyses (remoteTone,
   * remoteLevels), the remote track is not played out: the packets pile up (up to ~4 s) and the
   * next analysis hears old audio first — e.g. an agent's prompt after the caller was transferred.
   */
  function playRemote({ key }) {
    const rec = calls.get(key);
    const tracks = (rec?.pc ? rec.pc.getReceivers() : []).map((r) => r.track).filter((t) => t && t.kind === 'audio');
    if (!tracks.length) return { error: 'no remote audio track' };
    if (!rec.sink) {
      rec.sink = new Audio();
      rec.sink.muted = true;
      rec.sink.srcObject = new MediaStream(tracks);
      rec.sink.play().catch((e) => record(rec, 'sink-error', { error: String(e) }));
    }
    return { ok: true };
  }

  /**
   * The loudness of what the far side sends, for speech (which is no single tone): the RMS level
   * of the remote track in dBFS (-120 for digital silence), sampled every `everyMs` over at most
   * `ms`. `stop` ends the listening early: {loud: dB} at the first sample at or above dB;
   * {quiet: dB, forMs} once the level has stayed below dB for forMs after having been at or above
   * it (the end of a prompt). → {levels: [{at, db}], maxDb, firstLoudAt, lastLoudAt, loudMs,
   * stoppedBy: 'loud'|'quiet'|'time'}; `loud*` use stop's dB (or -45 without a stop).
   */
  async function remoteLevels({ key, ms = 5000, everyMs = 50, stop = null }) {
    const pc = calls.get(key)?.pc;
    const tracks = (pc ? pc.getReceivers() : []).map((r) => r.track).filter((t) => t && t.kind === 'audio');
    if (!tracks.length) return { error: 'no remote audio track' };
    const c = audio();
    const stream = new MediaStream(tracks);
    const el = new Audio();   // as in remoteTone: WebAudio gets a remote track only while it plays
    el.muted = true;
    el.srcObject = stream;
    el.play().catch(() => {});
    const analyser = c.createAnalyser();
    analyser.fftSize = 2048;
    const src = c.createMediaStreamSource(stream);
    src.connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    const threshold = stop?.loud ?? stop?.quiet ?? -45;
    const levels = [];
    let firstLoudAt = null;
    let lastLoudAt = null;
    let loudMs = 0;
    let stoppedBy = 'time';
    const end = at() + ms;
    while (at() < end) {
      await wait(everyMs);
      analyser.getFloatTimeDomainData(buf);
      let sum = 0;
      for (const v of buf) sum += v * v;
      const rms = Math.sqrt(sum / buf.length);
      const db = Math.max(-120, Math.round(20 * Math.log10(rms || 1e-9)));
      const t = at();
      levels.push({ at: Math.round(t), db });
      if (db >= threshold) {
        if (firstLoudAt === null) firstLoudAt = t;
        lastLoudAt = t;
        loudMs += everyMs;
      }
      if (stop?.loud !== undefined && db >= stop.loud) { stoppedBy = 'loud'; break; }
      if (stop?.quiet !== undefined && lastLoudAt !== null && t - lastLoudAt >= stop.forMs) { stoppedBy = 'quiet'; break; }
    }
    src.disconnect();
    el.srcObject = null;
    return { levels, maxDb: Math.max(...levels.map((l) => l.db)), firstLoudAt, lastLoudAt, loudMs, stoppedBy };
  }

  /**
   * DTMF from a JsSIP call as RFC 4733 events in its RTP (session.sendDTMF with transportType
   * 'RFC2833', which hands the tones to the RTCDTMFSender). Each tone's start is recorded as a
   * call event `dtmf:<tone>` (the sender's tonechange), the end of the string as `dtmf:done`.
   * → {at} or {error} when the peer connection cannot send DTMF (no telephone-event negotiated).
   */
  function dtmf({ key, tones, duration = 160, gap = 100 }) {
    const rec = calls.get(key);
    if (rec?.lib !== 'jssip') return { error: `no JsSIP call ${key}` };
    const sender = rec.pc?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender?.dtmf) return { error: 'the call has no audio sender with DTMF' };
    if (!sender.dtmf.canInsertDTMF) return { error: 'RTCDTMFSender cannot insert DTMF (telephone-event not negotiated?)' };
    if (!rec.dtmfWatched) {
      rec.dtmfWatched = true;
      sender.dtmf.addEventListener('tonechange', (e) => record(rec, e.tone ? `dtmf:${e.tone}` : 'dtmf:done'));
    }
    record(rec, 'dtmf', { tones });
    rec.session.sendDTMF(tones, { transportType: 'RFC2833', duration, interToneGap: gap });
    return { at: rec.events.at(-1).at };
  }

  window.e2eCalls = { sipjsCallOptions, sipjsTakeCalls };
  /** Puts a JsSIP call on hold (re-INVITE with a=sendonly) or takes it off (sendrecv). */
  function hold({ key, on }) {
    const rec = calls.get(key);
    record(rec, on ? 'hold' : 'unhold');
    const ok = on ? rec.session.hold() : rec.session.unhold();
    return { key, ok };
  }

  Object.assign(window.e2e, { jssipCall, sipjsAnswer, sipjsReject, waitIncoming, hangup, callState, waitCall, rtpStats, rtcpStats, remoteTone,
    remoteLevels, playRemote, dtmf, callSdp, hold });
})();

// Media proof for the active call (the audio tests): wait for RTP, then listen to the remote track.
(() => {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  /**
   * mediaReport({key, ms = 1000, timeoutMs = 5000})
   *   → {inbound, outbound, pair, tone, waitedMs, packetsWhileListening}
   * Waits until the call's inbound-rtp audio has packets (at most timeoutMs; `waitedMs` is how
   * long), then finds the dominant frequency of the remote stream with an AnalyserNode over `ms`
   * milliseconds, and reads the counters again after it (inbound: packetsReceived, bytesReceived,
   * packetsLost, jitter; `packetsWhileListening` = the packets that came while it listened).
   * `tone`: {hz, db, peaks, sampleRate} or {error}.
   */
  async function mediaReport({ key, ms = 1000, timeoutMs = 5000 }) {
    const t0 = performance.now();
    let s = null;
    while (performance.now() - t0 < timeoutMs) {
      s = await window.e2e.rtpStats({ key });
      if (s?.inbound?.packetsReceived > 0) break;
      await wait(50);
    }
    const waitedMs = Math.round(performance.now() - t0);
    if (!(s?.inbound?.packetsReceived > 0)) return { ...(s || {}), tone: { error: `no inbound RTP within ${timeoutMs} ms` }, waitedMs };
    const before = s.inbound.packetsReceived;
    const tone = await window.e2e.remoteTone({ key, ms });
    const after = await window.e2e.rtpStats({ key });
    return { ...after, tone, waitedMs, packetsWhileListening: after.inbound.packetsReceived - before };
  }

  Object.assign(window.e2e, { mediaReport });
})();
