// The phone's SIP side on JsSIP 3.13.8 (its event API): a UA that registers, one RTCSession at
// a time. DTMF goes as RFC 4733 events through RTCDTMFSender ('RFC2833' transport), hold is a
// re-INVITE with a=sendonly, transfer a REFER whose NOTIFYs tell when the target took the call.
import JsSIP from 'jssip';
import { causeOfStatus } from '../common/errors.js';

const AUTH_STATUSES = [401, 403, 407];
const MEDIA = { audio: true, video: false };

function endingOf(e) {
  const C = JsSIP.C.causes;
  const status = e.message && e.message.status_code ? e.message.status_code : null;
  const reason = e.message && e.message.reason_phrase ? e.message.reason_phrase : e.cause;
  switch (e.cause) {
    case C.BYE: case C.CANCELED: return { cause: e.cause === C.CANCELED ? 'cancelled' : 'hangup', status, reason };
    case C.USER_DENIED_MEDIA_ACCESS: return { cause: 'mic', detail: 'NotAllowedError' };
    case C.CONNECTION_ERROR: case C.REQUEST_TIMEOUT: return { cause: 'unreachable' };
    case C.NO_ANSWER: case C.EXPIRES: return { cause: 'no-answer', status, reason };
    case C.BUSY: return { cause: 'busy', status, reason };
    case C.REJECTED: case C.NOT_FOUND: case C.UNAVAILABLE: case C.AUTHENTICATION_ERROR: case C.ADDRESS_INCOMPLETE:
    case C.SIP_FAILURE_CODE: case C.REDIRECTED:
      return { cause: status ? causeOfStatus(status) : 'rejected', status, reason };
    default: return { cause: status ? causeOfStatus(status) : 'failed', status, reason };
  }
}

export function createJssipAdapter(cfg, events) {
  // the page's RTCConfiguration: the tenant's STUN/TURN join it after registration (GET
  // /phone/ice.json); host candidates suffice with the gateway's ICE-Lite
  const PC_CONFIG = cfg.pcConfig || { iceServers: [] };
  if (cfg.debug) JsSIP.debug.enable('JsSIP:*'); else JsSIP.debug.disable();
  let ua = null;
  let session = null;
  let stopping = false;

  function attachRemoteAudio(pc) {
    pc.addEventListener('track', (e) => {
      cfg.remoteAudio.srcObject = e.streams[0] || new MediaStream([e.track]);
      cfg.remoteAudio.play().catch(() => {});
    });
  }

  function wire(s) {
    session = s;
    if (s.connection) attachRemoteAudio(s.connection);
    s.on('peerconnection', (e) => attachRemoteAudio(e.peerconnection));
    s.on('progress', (e) => {
      if (e.originator === 'remote' && e.response) {
        events.progress({ status: e.response.status_code, early: !!e.response.body });
      }
    });
    s.on('accepted', () => events.answered());
    s.on('hold', () => events.held(s.isOnHold().local));
    s.on('unhold', () => events.held(s.isOnHold().local));
    const done = (e) => {
      if (session !== s) return;
      session = null;
      cfg.remoteAudio.srcObject = null;
      events.ended({ ...endingOf(e), by: e.originator === 'local' ? 'local' : 'remote' });
    };
    s.on('ended', done);
    s.on('failed', done);
  }

  function start() {
    stopping = false;
    const socket = new JsSIP.WebSocketInterface(cfg.server);
    ua = new JsSIP.UA({
      sockets: [socket], uri: cfg.aor, authorization_user: cfg.username, password: cfg.password,
      display_name: cfg.displayName || undefined, register: true, register_expires: 600,
      user_agent: 'Tabphone webphone (JsSIP 3.13.8)',
      connection_recovery_min_interval: 2, connection_recovery_max_interval: 30,
    });
    let registered = false;
    ua.on('connecting', () => { if (!registered) events.status('connecting'); });
    ua.on('disconnected', (e) => { registered = false; if (!stopping) events.status('unreachable', { error: e.error }); });
    ua.on('registered', () => { registered = true; events.status('registered'); });
    ua.on('unregistered', () => { registered = false; if (!stopping) events.status('unregistered'); });
    ua.on('registrationFailed', (e) => {
      registered = false;
      const status = e.response ? e.response.status_code : null;
      const reason = e.response ? e.response.reason_phrase : e.cause;
      if (AUTH_STATUSES.includes(status) || e.cause === JsSIP.C.causes.AUTHENTICATION_ERROR) {
        // stop: retrying a wrong password only earns a ban from the gateway
        stopping = true;
        ua.stop();
        events.status('failed', { kind: 'auth', status, reason });
      } else if (e.cause === JsSIP.C.causes.CONNECTION_ERROR) {
        events.status('unreachable');
      } else if (e.cause === JsSIP.C.causes.REQUEST_TIMEOUT) {
        events.status('failed', { kind: 'timeout' });
      } else {
        events.status('failed', { kind: 'other', status, reason });
      }
    });
    ua.on('newRTCSession', (e) => {
      if (e.originator === 'local') {   // emitted inside ua.call(), before the INVITE goes out
        wire(e.session);
        return;
      }
      if (session) {
        e.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        return;
      }
      wire(e.session);
      const from = e.request.from;
      events.incoming({ user: from.uri.user, name: from.display_name || '', uri: from.uri.toString() });
    });
    ua.start();
  }

  function stop() {
    if (!ua) return Promise.resolve();
    const u = ua;
    ua = null;
    stopping = true;
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      u.on('disconnected', () => { clearTimeout(timer); resolve(); });
      u.stop();   // un-REGISTERs and ends any call first
    });
  }

  return {
    start: () => { start(); return Promise.resolve(); },
    stop,
    call(uri) {
      try {
        ua.call(uri, { mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
      } catch (e) {
        session = null;
        events.ended({ cause: 'failed', reason: e.message, by: 'local' });
      }
    },
    answer() {
      if (session) session.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
    },
    decline() {
      if (session) session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    },
    hangup() {
      if (session) session.terminate();
    },
    setMuted(muted) {
      if (!session) return;
      if (muted) session.mute({ audio: true }); else session.unmute({ audio: true });
    },
    setHeld(held) {
      if (!session) return Promise.reject(new Error('no call'));
      const ok = held ? session.hold() : session.unhold();
      return ok ? Promise.resolve() : Promise.reject(new Error('the call cannot change its hold state now'));
    },
    dtmf(tone) {
      if (session) session.sendDTMF(tone, { transportType: JsSIP.C.DTMF_TRANSPORT.RFC2833, duration: 120, interToneGap: 70 });
    },
    transfer(uri) {
      if (!session) return Promise.reject(new Error('no call'));
      return new Promise((resolve, reject) => {
        session.refer(uri, { eventHandlers: {
          requestFailed: (e) => reject(new Error(e.response ? `${e.response.status_code} ${e.response.reason_phrase}` : e.cause)),
          accepted: () => resolve(),
          failed: (e) => reject(new Error(e.status_line ? `${e.status_line.status_code} ${e.status_line.reason_phrase}` : 'the target did not take the call')),
        } });
      });
    },
    peerConnection: () => (session ? session.connection : null),
  };
}
