// The view: finds the page's elements, draws state into them and reports the user's actions
// (on.<action> callbacks). No SIP here; phone.js decides what happens.

const KEYS = [['1', ''], ['2', 'ABC'], ['3', 'DEF'], ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'], ['*', ''], ['0', '+'], ['#', '']];
const SCREENS = ['settings', 'dialer', 'in-call', 'incoming'];

const $ = (id) => document.getElementById(id);

function keypad(container, onKey) {
  for (const [digit, letters] of KEYS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.key = digit;
    b.setAttribute('aria-label', digit);
    b.append(digit);
    const small = document.createElement('small');
    small.textContent = letters;
    b.append(small);
    b.addEventListener('click', () => onKey(digit));
    container.append(b);
  }
}

export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export class PhoneView {
  constructor(on) {
    this.on = on;
    this.screen = 'dialer';
    const number = $('number');
    keypad($('keypad'), (d) => { number.value += d; on.key(d); });
    keypad($('dtmf'), (d) => on.dtmf(d));
    $('backspace').addEventListener('click', () => { number.value = number.value.slice(0, -1); });
    $('call').addEventListener('click', () => on.call(number.value));
    number.addEventListener('keydown', (e) => { if (e.key === 'Enter') on.call(number.value); });
    $('settings-form').addEventListener('submit', (e) => { e.preventDefault(); on.save(this.readSettings()); });
    $('open-settings').addEventListener('click', () => on.openSettings());
    $('close-settings').addEventListener('click', () => on.closeSettings());
    $('sign-out').addEventListener('click', () => on.signOut());
    $('clear-history').addEventListener('click', () => on.clearHistory());
    $('hangup').addEventListener('click', () => on.hangup());
    $('answer').addEventListener('click', () => on.answer());
    $('decline').addEventListener('click', () => on.decline());
    $('mute').addEventListener('click', () => on.mute(!this.pressed('mute')));
    $('hold').addEventListener('click', () => on.hold(!this.pressed('hold')));
    $('show-dtmf').addEventListener('click', () => this.toggle('show-dtmf', 'dtmf'));
    $('show-transfer').addEventListener('click', () => {
      if (this.toggle('show-transfer', 'transfer-form')) $('transfer-target').focus();
    });
    $('transfer-form').addEventListener('submit', (e) => { e.preventDefault(); on.transfer($('transfer-target').value); });
    $('history').addEventListener('click', (e) => {
      const item = e.target.closest('[data-uri]');
      if (item) { number.value = item.dataset.number; number.focus(); }
    });
    document.addEventListener('keydown', (e) => {
      if (this.screen === 'in-call' && /^[0-9*#]$/.test(e.key) && !(e.target instanceof HTMLInputElement)) on.dtmf(e.key);
    });
  }

  pressed(id) {
    return $(id).getAttribute('aria-pressed') === 'true';
  }

  press(id, on) {
    $(id).setAttribute('aria-pressed', String(!!on));
  }

  /** Flips a toggle button and the panel it shows; returns whether the panel is now open. */
  toggle(buttonId, panelId) {
    const open = !this.pressed(buttonId);
    this.press(buttonId, open);
    $(panelId).hidden = !open;
    return open;
  }

  show(screen) {
    this.screen = screen;
    for (const s of SCREENS) $(s).hidden = s !== screen;
    if (screen === 'settings') $('server').focus();
  }

  status(state, text) {
    const el = $('status');
    el.dataset.state = state;
    el.textContent = text;
  }

  identity(text) {
    $('identity').textContent = text;
  }

  error(text) {
    $('error').textContent = text || '';
    $('error').hidden = !text;
  }

  notice(text) {
    $('notice').textContent = text || '';
    $('notice').hidden = !text;
  }

  fillSettings(s) {
    $('server').value = s.server;
    $('user').value = s.user;
    $('password').value = s.password;
    $('display-name').value = s.displayName;
    $('sign-out').hidden = !s.signedIn;
  }

  readSettings() {
    return { server: $('server').value.trim(), user: $('user').value.trim(),
      password: $('password').value, displayName: $('display-name').value.trim() };
  }

  focusField(field) {
    const id = { server: 'server', user: 'user', password: 'password' }[field];
    if (id) $(id).focus();
  }

  number() {
    return $('number').value;
  }

  setNumber(v) {
    $('number').value = v;
  }

  canCall(yes) {
    $('call').disabled = !yes;
  }

  history(entries) {
    const list = $('history');
    list.replaceChildren();
    if (!entries.length) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No calls yet.';
      list.append(li);
      return;
    }
    for (const h of entries) {
      const li = document.createElement('li');
      const missed = h.dir === 'in' && h.result !== 'answered';
      li.className = missed ? 'missed' : '';
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.uri = h.uri;
      b.dataset.number = h.user;
      const cell = (cls, text) => { const s = document.createElement('span'); s.className = cls; s.textContent = text; return s; };
      const when = new Date(h.at);
      const today = new Date().toDateString() === when.toDateString();
      b.append(cell('dir', h.dir === 'in' ? '\u2199' : '\u2197'),
        cell('name', h.name ? `${h.name} (${h.user})` : h.user),
        cell('when', today ? when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : when.toLocaleDateString()),
        cell('what', h.result === 'answered' ? formatDuration(h.seconds) : h.result));
      b.title = h.uri;
      li.append(b);
      list.append(li);
    }
  }

  /** The in-call screen: {name, uri, state, seconds|null, muted, held, canControl}. */
  call(c) {
    $('call-peer').textContent = c.name;
    $('call-uri').textContent = c.uri;
    $('call-state').textContent = c.state;
    $('call-timer').textContent = c.seconds == null ? '' : formatDuration(c.seconds);
    this.press('mute', c.muted);
    this.press('hold', c.held);
    for (const id of ['mute', 'hold', 'show-dtmf', 'show-transfer']) $(id).disabled = !c.canControl;
  }

  resetCallPanels() {
    for (const [b, p] of [['show-dtmf', 'dtmf'], ['show-transfer', 'transfer-form']]) {
      this.press(b, false);
      $(p).hidden = true;
    }
    $('dtmf-sent').textContent = '';
    $('transfer-target').value = '';
  }

  dtmfSent(digits) {
    $('dtmf-sent').textContent = digits;
  }

  incoming(name, uri) {
    $('incoming-peer').textContent = name;
    $('incoming-uri').textContent = uri;
  }

  remoteAudio() {
    return $('remote-audio');
  }
}
