// The phone's SIP side on SIP.js 0.21.2's SimpleUser (one call at a time, remote audio into the
// page's <audio>). DTMF goes as RFC 4733 events through the session description handler
// (RTCDTMFSender), hold is SimpleUser's re-INVITE with a=sendonly, transfer a REFER on the
// session, done when the target's NOTIFY says 200.
import { SessionState, Web } from 'sip.js';
import { causeOfStatus } from '../common/errors.js';

const AUTH_STATUSES = [401, 403, 407];

export function createSipjsAdapter(cfg, events) {
  let stopping = false;
  let registered = false;
  let outgoing = null;     // {status, reason} of the final response to our INVITE
  let failure = null;      // an error of ours (microphone) that ended the call
  let retry = null;        // the timer of the next connection attempt
  let attempts = 0;
  let current = null;      // our call: SimpleUser keeps one session and would let a second INVITE replace it
  let hangingUp = false;

  const log = (level, category, label, content) => {
    // the library's log goes to the debug console only with ?debug: the page shows real failures itself
    if (cfg.debug) console.debug(`SIP.js ${level} ${category}${label ? ` ${label}` : ''}: ${content}`);
  };

  const user = new Web.SimpleUser(cfg.server, {
    aor: cfg.aor,
    media: { constraints: { audio: true, video: false }, remote: { audio: cfg.remoteAudio } },
    reconnectionAttempts: 10,
    reconnectionDelay: 5,
    sendDTMFUsingSessionDescriptionHandler: true,
    userAgentOptions: {
      authorizationUsername: cfg.username,
      authorizationPassword: cfg.password,
      displayName: cfg.displayName || undefined,
      userAgentString: 'Tabphone webphone (SIP.js 0.21.2)',
      logBuiltinEnabled: false,
      logConnector: log,
      logLevel: cfg.debug ? 'debug' : 'warn',
      transportOptions: { server: cfg.server, connectionTimeout: 5 },
      sessionDescriptionHandlerFactoryOptions: {
        // the page's RTCConfiguration: the tenant's STUN/TURN join it after registration (GET
        // /phone/ice.json); none is needed with the gateway's ICE-Lite
        peerConnectionConfiguration: cfg.pcConfig || { iceServers: [] },
        iceGatheringTimeout: 1000,
      },
    },
    delegate: {
      onServerConnect: () => { attempts = 0; },
      onServerDisconnect: (error) => {
        registered = false;
        if (error && !stopping) events.status('unreachable');
      },
      onRegistered: () => { registered = true; events.status('registered'); },
      onUnregistered: () => {
        const was = registered;
        registered = false;
        if (was && !stopping) events.status('unregistered');
      },
      onCallCreated: () => {
        const s = user.session;
        if (current && current !== s) {   // a second call while ours is up: busy, and keep ours
          user.session = current;
          s.reject({ statusCode: 486 }).catch(() => {});
          return;
        }
        current = s;
      },
      onCallReceived: () => {
        if (!current || user.session !== current) return;
        const id = current.remoteIdentity;
        events.incoming({ user: id.uri.user, name: id.displayName || '', uri: id.uri.toString() });
      },
      onCallAnswered: () => events.answered(),
      onCallHold: (held) => events.held(held),
      onCallHangup: () => {
        if (current && current.state !== SessionState.Terminated && current.state !== SessionState.Terminating) {
          user.session = current;   // that was the second call, answered busy
          return;
        }
        current = null;
        const by = outgoing && outgoing.by ? outgoing.by : (hangingUp ? 'local' : 'remote');
        let ending;
        if (failure) ending = failure;
        else if (outgoing && outgoing.status) ending = { cause: causeOfStatus(outgoing.status), status: outgoing.status, reason: outgoing.reason };
        else ending = { cause: 'hangup' };
        outgoing = null;
        failure = null;
        hangingUp = false;
        events.ended({ ...ending, by });
      },
    },
  });

  const registerOptions = {
    requestDelegate: {
      onReject: (response) => {
        const status = response.message.statusCode;
        const reason = response.message.reasonPhrase;
        if (AUTH_STATUSES.includes(status)) {
          // stop: retrying a wrong password only earns a ban from the gateway
          stopping = true;
          user.disconnect().catch(() => {});
          events.status('failed', { kind: 'auth', status, reason });
        } else {
          events.status('failed', { kind: 'other', status, reason });
        }
      },
    },
  };

  function connect() {
    retry = null;
    if (stopping) return;
    events.status('connecting');
    user.connect()
      .then(() => user.register(registerOptions))
      .catch((e) => {
        if (stopping) return;
        events.status('unreachable', { error: String(e) });
        attempts++;
        retry = setTimeout(connect, Math.min(30, 2 ** attempts) * 1000);
      });
  }

  function micFailure(e) {
    if (e && /^(NotAllowed|NotFound|NotReadable|Overconstrained|Security)Error$/.test(e.name)) {
      failure = { cause: 'mic', detail: e.name };
      return true;
    }
    return false;
  }

  return {
    start: () => { stopping = false; connect(); return Promise.resolve(); },
    async stop() {
      stopping = true;
      clearTimeout(retry);
      try {
        if (user.session) await user.hangup().catch(() => {});
        if (registered) {
          await Promise.race([user.unregister(), new Promise((r) => setTimeout(r, 2000))]);
          // unregister() resolves when the request is sent; give the 200 a moment
          for (let i = 0; i < 20 && registered; i++) await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await user.disconnect().catch(() => {});
      }
    },
    call(uri) {
      outgoing = { by: null };
      failure = null;
      user.call(uri, undefined, { requestDelegate: {
        onProgress: (r) => events.progress({ status: r.message.statusCode, early: !!r.message.body }),
        onReject: (r) => { outgoing = { status: r.message.statusCode, reason: r.message.reasonPhrase, by: 'remote' }; },
      } }).catch((e) => {
        micFailure(e) || (failure = { cause: 'failed', reason: e.message || String(e) });
        if (!user.session) events.ended({ ...failure, by: 'local' });   // never got as far as a session
      });
    },
    answer() {
      failure = null;
      user.answer().catch((e) => {
        micFailure(e) || (failure = { cause: 'failed', reason: e.message || String(e) });
      });
    },
    decline() {
      hangingUp = true;
      if (user.session) user.session.reject({ statusCode: 486 }).catch(() => {});
    },
    hangup() {
      hangingUp = true;
      if (outgoing) outgoing.by = 'local';
      if (user.session) user.hangup().catch(() => {});
    },
    setMuted(muted) {
      if (muted) user.mute(); else user.unmute();
    },
    setHeld(held) {
      return held ? user.hold() : user.unhold();
    },
    dtmf(tone) {
      user.sendDTMF(tone).catch(() => {});
    },
    transfer(uri) {
      const session = user.session;
      if (!session) return Promise.reject(new Error('no call'));
      return new Promise((resolve, reject) => {
        user.sessionManager.transfer(session, uri, {
          requestDelegate: { onReject: (r) => reject(new Error(`${r.message.statusCode} ${r.message.reasonPhrase}`)) },
          onNotify: (notification) => {
            notification.accept().catch(() => {});
            const m = /^SIP\/2\.0 (\d{3}) ?(.*)$/m.exec(notification.request.body || '');
            if (!m) return;
            const code = Number(m[1]);
            if (code >= 200 && code < 300) resolve();
            else if (code >= 300) reject(new Error(`${code} ${m[2]}`));
          },
        }).catch(reject);
      });
    },
    peerConnection: () => {
      const sdh = user.session && user.session.sessionDescriptionHandler;
      return sdh ? sdh.peerConnection : null;
    },
  };
}
