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
  async function sipjsRegister({ id, server, aor, username, password, timeoutMs = 10000 }) {
    const t0 = now();
    const ua = new SIP.UserAgent({
      uri: SIP.UserAgent.makeURI(aor), transportOptions: { server, connectionTimeout: 5 },
      authorizationUsername: username, authorizationPassword: password,
      logLevel: 'debug', logBuiltinEnabled: true, userAgentString: 'tabphone-e2e SIP.js',
    });
    const registerer = new SIP.Registerer(ua, { expires: 600 });
    const events = [];
    uas.set(id, { kind: 'sipjs', ua, registerer, events });
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

  window.e2e = { jssipRegister, jssipUnregister, jssipStop, sipjsRegister, sipjsUnregister, sipjsStop };
  document.getElementById('status') && (document.getElementById('status').textContent = 'ready');
})();
