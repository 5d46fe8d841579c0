// The phone itself, the same for both softphones: settings and sign-in, the dial pad, one call
// at a time (outgoing with ringback, incoming with ring and notification, answer/decline,
// hang up, mute, hold, DTMF, blind transfer, timer), the call history and every message shown.
// The SIP library sits behind an adapter (sipjs/adapter.js, jssip/adapter.js):
//   adapter = createAdapter(config, events)
//   config: {server, aor, username, password, displayName, remoteAudio, debug, pcConfig}
//   adapter.start() / stop() → Promise; call(uri); answer(); decline(); hangup(); setMuted(bool);
//   setHeld(bool) → Promise; dtmf(tone); transfer(uri) → Promise (resolves when the target took
//   the call); peerConnection() → RTCPeerConnection | null
//   events.status(state, info)   'connecting' | 'registered' | 'unregistered' | 'unreachable' |
//                                 'failed' with {kind: 'auth'|'other'|'timeout', status, reason}
//   events.incoming({user, name, uri}); events.progress({status, early}); events.answered();
//   events.held(bool); events.ended({cause, status, reason, detail, by: 'local'|'remote'})
import { Store, validate, identity, targetUri, userOf } from './settings.js';
import { PhoneView, formatDuration } from './ui.js';
import { Tones } from './tones.js';
import { registrationError, callEnding, microphoneError } from './errors.js';
import { registerServiceWorker, askNotificationPermission, notifyIncoming, closeIncomingNotification } from './pwa.js';

class Phone {
  constructor(app, createAdapter) {
    this.app = app;
    this.createAdapter = createAdapter;
    this.store = new Store(app);
    this.tones = new Tones();
    this.adapter = null;
    this.generation = 0;      // events of a replaced adapter are ignored
    this.state = 'off';
    this.call = null;
    this.timer = null;
    this.pendingCall = null;  // ?call=<number>, dialled once registered
    this.server = '';
    this.domain = location.hostname;
    this.debug = new URLSearchParams(location.search).has('debug');
    // ?relay: media only through the tenant's TURN server (to check TURN works)
    this.relayOnly = new URLSearchParams(location.search).has('relay');
  }

  boot() {
    this.view = new PhoneView({
      key: () => {}, dtmf: (d) => this.sendDtmf(d), call: (n) => this.dial(n),
      save: (s) => this.save(s), openSettings: () => this.openSettings(), closeSettings: () => this.closeSettings(),
      signOut: () => this.signOut(), clearHistory: () => { this.store.clearHistory(); this.view.history([]); },
      hangup: () => this.adapter?.hangup(), answer: () => this.answer(), decline: () => this.adapter?.decline(),
      mute: (m) => this.mute(m), hold: (h) => this.hold(h), transfer: (t) => this.transfer(t),
    });
    this.view.history(this.store.history());
    const callParam = new URLSearchParams(location.search).get('call');
    if (callParam) {
      this.pendingCall = callParam;
      this.view.setNumber(callParam);
      // a reload must not dial again
      history.replaceState(null, '', location.pathname + (this.debug ? '?debug' : '') + location.hash);
    }
    const s = this.store.settings();
    this.view.fillSettings(s);
    registerServiceWorker();
    if (s.signedIn && this.store.hasCredentials()) {
      this.view.show('dialer');
      this.signIn(s);
    } else {
      this.view.show('settings');
      this.setStatus('off', 'Not signed in');
    }
    if (this.pendingCall) this.view.notice(`Calling ${this.pendingCall} as soon as you are signed in.`);
    window.addEventListener('pagehide', () => { this.adapter?.stop(); });
  }

  setStatus(state, text) {
    this.state = state;
    this.view.status(state, text);
    this.view.canCall(state === 'registered');
  }

  // ---- settings and registration
  save(s) {
    const v = validate(s);
    if (!v.ok) {
      this.view.error(v.message);
      this.view.focusField(v.field);
      return;
    }
    this.view.error(null);
    this.store.saveSettings({ ...s, signedIn: true });   // a reload signs in again, until a 401/403 or Sign out
    askNotificationPermission();   // a user gesture: the only time browsers let a page ask
    this.tones.context();          // likewise for sound
    this.view.show(this.call ? 'in-call' : 'dialer');
    this.signIn(s);
  }

  openSettings() {
    this.view.fillSettings(this.store.settings());
    this.view.show('settings');
  }

  closeSettings() {
    this.view.show(this.call ? (this.call.state === 'incoming' ? 'incoming' : 'in-call') : 'dialer');
  }

  async signIn(s) {
    const previous = this.adapter;
    this.adapter = null;
    const generation = ++this.generation;
    if (previous) await previous.stop().catch(() => {});
    const id = identity(s);
    this.server = s.server;
    this.domain = id.domain;
    this.view.identity(`${s.displayName ? `${s.displayName} \u00b7 ` : ''}${id.username}@${id.domain}`);
    this.setStatus('connecting', 'Connecting\u2026');
    // the peer connections' configuration: the tenant's STUN/TURN servers join it once registered
    this.pcConfig = { iceServers: [], iceTransportPolicy: this.relayOnly ? 'relay' : 'all' };
    this.iceAsked = false;
    this.credentials = { id, password: s.password };
    this.adapter = this.createAdapter({ server: s.server, aor: id.aor, username: id.username, password: s.password,
      displayName: s.displayName, remoteAudio: this.view.remoteAudio(), debug: this.debug, pcConfig: this.pcConfig },
      this.events(generation));
    this.adapter.start();
  }

  async signOut() {
    this.store.setSignedIn(false);
    const a = this.adapter;
    this.adapter = null;
    this.generation++;
    if (a) await a.stop().catch(() => {});
    this.endCallLocally();
    this.setStatus('off', 'Signed out');
    this.view.fillSettings(this.store.settings());
    this.view.show('settings');
  }

  /** Once per sign-in, after the gateway accepted the credentials (so never a 401 in the console). */
  async askIceServers(generation) {
    if (this.iceAsked) return;
    this.iceAsked = true;
    const list = await iceServers(this.credentials.id, this.credentials.password);
    if (generation === this.generation) this.pcConfig.iceServers = list;
  }

  events(generation) {
    const live = (fn) => (...args) => { if (generation === this.generation) fn(...args); };
    return {
      status: live((state, info) => {
        if (state === 'registered') this.askIceServers(generation);
        this.onStatus(state, info || {});
      }),
      incoming: live((peer) => this.onIncoming(peer)),
      progress: live((p) => this.onProgress(p)),
      answered: live(() => this.onAnswered()),
      held: live((h) => { if (this.call) { this.call.held = h; this.renderCall(); } }),
      ended: live((e) => this.onEnded(e || {})),
    };
  }

  onStatus(state, info) {
    if (state === 'registered') {
      this.setStatus('registered', 'Registered');
      this.view.error(null);
      this.view.fillSettings(this.store.settings());
      if (this.pendingCall && !this.call) {
        const n = this.pendingCall;
        this.pendingCall = null;
        this.view.notice(null);
        this.dial(n);
      }
    } else if (state === 'connecting') {
      this.setStatus('connecting', 'Connecting\u2026');
    } else if (state === 'unregistered') {
      this.setStatus('off', 'Not registered');
    } else if (state === 'unreachable') {
      this.setStatus('offline', 'Offline');
      this.view.error(registrationError({ kind: 'unreachable' }, this.server));
    } else if (state === 'failed') {
      this.setStatus('failed', 'Not registered');
      this.view.error(registrationError(info, this.server));
      if (info.kind === 'auth') {
        this.store.setSignedIn(false);   // a reload must not try the wrong password again
        this.openSettings();
        this.view.focusField('password');
      }
    }
  }

  // ---- calls
  /** Opens (and closes) the microphone once, so a refusal is told before any SIP is sent. */
  async microphone() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      stream.getTracks().forEach((t) => t.stop());
      return true;
    } catch (e) {
      this.view.error(microphoneError(e && e.name));
      return false;
    }
  }

  async dial(input) {
    if (this.call) return;
    if (this.state !== 'registered') {
      this.view.error('Not signed in: open Settings and sign in first.');
      return;
    }
    const uri = targetUri(input, this.domain);
    if (!uri) {
      this.view.error(input.trim() ? `"${input.trim()}" is not a number or SIP address.` : 'Enter a number to call.');
      return;
    }
    this.tones.context();
    this.view.error(null);
    this.view.notice(null);
    if (!(await this.microphone()) || this.call || this.state !== 'registered') return;
    const user = userOf(uri);
    this.startCall({ dir: 'out', uri, user, name: user, state: 'calling' });
    this.adapter.call(uri);
  }

  startCall(c) {
    this.view.notice(null);   // what the last call left there is old news now
    if (c.dir === 'in') this.view.error(null);
    this.call = { ...c, startedAt: Date.now(), answeredAt: null, muted: false, held: false, digits: '' };
    this.view.resetCallPanels();
    this.view.show(c.dir === 'in' ? 'incoming' : 'in-call');
    this.renderCall();
  }

  onIncoming(peer) {
    if (this.call) return;   // the adapter answers a second call busy itself
    const name = peer.name || peer.user;
    this.startCall({ dir: 'in', uri: peer.uri, user: peer.user, name, state: 'incoming' });
    this.view.incoming(name, peer.name ? `${peer.user} \u00b7 ${peer.uri}` : peer.uri);
    this.tones.ring();
    notifyIncoming(peer.name ? `${peer.name} (${peer.user})` : peer.user, 'icons/icon-192.png').catch(() => {});
  }

  async answer() {
    if (!this.call || this.call.state !== 'incoming') return;
    if (!(await this.microphone())) return;   // it keeps ringing: allow the microphone and answer, or decline
    if (!this.call || this.call.state !== 'incoming') return;
    this.tones.stop();
    this.call.state = 'connecting';
    this.view.show('in-call');
    this.renderCall();
    this.adapter.answer();
  }

  onProgress({ status, early }) {
    if (!this.call || this.call.dir !== 'out' || this.call.answeredAt) return;
    if (status === 180 || status === 183) {
      const was = this.call.state;
      this.call.state = 'ringing';
      if (early) this.tones.stop(); else if (was !== 'ringing') this.tones.ringback();
      this.renderCall();
    }
  }

  onAnswered() {
    if (!this.call) return;
    this.tones.stop();
    closeIncomingNotification().catch(() => {});
    this.call.state = 'active';
    this.call.answeredAt = Date.now();
    this.view.show('in-call');
    clearInterval(this.timer);
    this.timer = setInterval(() => this.renderCall(), 1000);
    this.renderCall();
  }

  onEnded(e) {
    const c = this.call;
    this.endCallLocally();
    if (!c) return;
    const seconds = c.answeredAt ? (Date.now() - c.answeredAt) / 1000 : 0;
    let result;
    if (c.transferredTo) result = 'transferred';
    else if (c.answeredAt) result = 'answered';
    else if (c.dir === 'in') result = e.by === 'local' ? 'declined' : 'missed';
    else result = { busy: 'busy', declined: 'declined', 'no-answer': 'no answer', cancelled: 'cancelled', hangup: 'cancelled' }[e.cause] || 'failed';
    this.view.history(this.store.addHistory({ dir: c.dir, user: c.user, name: c.name !== c.user ? c.name : '',
      uri: c.uri, at: c.startedAt, seconds: Math.round(seconds), result }));
    const problem = c.answeredAt || (c.dir === 'in' && e.cause !== 'mic') || (e.by === 'local' && e.cause === 'hangup')
      ? null : callEnding(e, c.name);
    if (c.transferredTo) this.view.notice(`Transferred ${c.name} to ${c.transferredTo}.`);
    else if (problem && (e.cause === 'mic' || result === 'failed')) this.view.error(problem);
    else if (problem) this.view.notice(problem);
    else if (c.answeredAt) this.view.notice(`Call with ${c.name} ended (${formatDuration(seconds)}).`);
    else if (c.dir === 'in' && result === 'missed') this.view.notice(`Missed call from ${c.name}.`);
  }

  endCallLocally() {
    this.tones.stop();
    clearInterval(this.timer);
    this.timer = null;
    closeIncomingNotification().catch(() => {});
    const had = this.call;
    this.call = null;
    document.title = document.title.replace(/^\(.*?\) /, '');
    if (had && this.view.screen !== 'settings') this.view.show('dialer');
  }

  renderCall() {
    const c = this.call;
    if (!c) return;
    const words = { calling: 'Calling\u2026', ringing: 'Ringing\u2026', incoming: 'Incoming call', connecting: 'Connecting\u2026', active: 'Connected' };
    const state = c.held ? 'On hold' : words[c.state];
    this.view.call({ name: c.name, uri: c.uri, state, seconds: c.answeredAt ? (Date.now() - c.answeredAt) / 1000 : null,
      muted: c.muted, held: c.held, canControl: c.state === 'active' });
    document.title = `(${state}) ${document.title.replace(/^\(.*?\) /, '')}`;
  }

  mute(muted) {
    if (!this.call || this.call.state !== 'active') return;
    this.adapter.setMuted(muted);
    this.call.muted = muted;
    this.renderCall();
  }

  hold(held) {
    if (!this.call || this.call.state !== 'active') return;
    this.adapter.setHeld(held).catch((e) => this.view.error(`${held ? 'Hold' : 'Resume'} failed: ${e.message || e}`));
  }

  sendDtmf(digit) {
    if (!this.call || this.call.state !== 'active') return;
    this.adapter.dtmf(digit);
    this.tones.key(digit);
    this.call.digits = (this.call.digits + digit).slice(-20);
    this.view.dtmfSent(this.call.digits);
  }

  transfer(input) {
    if (!this.call || this.call.state !== 'active') return;
    const uri = targetUri(input, this.domain);
    if (!uri) {
      this.view.error(`"${input}" is not a number or SIP address to transfer to.`);
      return;
    }
    const who = userOf(uri);
    this.view.error(null);
    this.view.notice(`Transferring ${this.call.name} to ${who}\u2026`);
    const c = this.call;
    this.adapter.transfer(uri).then(() => {
      if (this.call !== c) return;
      c.transferredTo = who;   // onEnded tells it, whoever ends our leg first
      this.adapter.hangup();
    }, (e) => {
      if (this.call !== c) return;
      this.view.notice(null);
      this.view.error(`Transfer to ${who} failed: ${e.message || e}. The call goes on.`);
    });
  }

  /** Diagnostics (and the browser tests): state and the call's RTP counters. */
  api() {
    return {
      app: this.app,
      state: () => ({ status: this.state, screen: this.view.screen,
        call: this.call && { dir: this.call.dir, state: this.call.state, uri: this.call.uri, held: this.call.held, muted: this.call.muted } }),
      stats: async () => {
        const pc = this.adapter?.peerConnection();
        if (!pc) return null;
        const out = {};
        (await pc.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') out.inbound = { packets: r.packetsReceived, bytes: r.bytesReceived };
          if (r.type === 'outbound-rtp' && r.kind === 'audio') out.outbound = { packets: r.packetsSent, bytes: r.bytesSent };
        });
        out.connection = pc.connectionState;
        return out;
      },
    };
  }
}

/** Starts the phone on this page: app is 'sipjs' or 'jssip', createAdapter its SIP library. */
export function startPhone(app, createAdapter) {
  const phone = new Phone(app, createAdapter);
  phone.boot();
  window.tabphone = phone.api();
}

/**
 * The tenant's STUN/TURN servers from the gateway that served this page (ephemeral TURN
 * credentials, behind the user's own SIP password): [] when it has none or says no — the gateway
 * anchors media with ICE-Lite, so host candidates work without them.
 */
async function iceServers(id, password) {
  try {
    const r = await fetch('../ice.json', { cache: 'no-store',
      headers: { Authorization: `Basic ${btoa(`${id.username}@${id.domain}:${password}`)}` } });
    if (!r.ok) return [];
    const body = await r.json();
    return Array.isArray(body.iceServers) ? body.iceServers : [];
  } catch {
    return [];
  }
}
