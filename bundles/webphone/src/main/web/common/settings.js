// What the phone keeps in localStorage, per app ("tabphone.<app>.settings" / ".history"), and
// the addressing rules: a user without a domain belongs to the gateway's host, a dialled number
// becomes sip:<number>@<domain>.

const HISTORY_MAX = 20;

/** The gateway this page came from: wss://host[:port]/ws (ws:// when the page is plain http). */
export function defaultServer(loc = window.location) {
  return `${loc.protocol === 'http:' ? 'ws' : 'wss'}://${loc.host}/ws`;
}

export class Store {
  constructor(app, storage = window.localStorage) {
    this.storage = storage;
    this.settingsKey = `tabphone.${app}.settings`;
    this.historyKey = `tabphone.${app}.history`;
  }

  read(key, fallback) {
    try {
      const v = JSON.parse(this.storage.getItem(key));
      return v ?? fallback;
    } catch {
      return fallback;
    }
  }

  /** {server, user, password, displayName, signedIn}; the server defaults to this page's gateway. */
  settings() {
    const s = this.read(this.settingsKey, {});
    return {
      server: s.server || defaultServer(),
      user: s.user || '',
      password: s.password || '',
      displayName: s.displayName || '',
      signedIn: !!s.signedIn,
    };
  }

  hasCredentials() {
    const s = this.settings();
    return !!(s.user && s.password);
  }

  saveSettings(s) {
    this.storage.setItem(this.settingsKey, JSON.stringify({
      server: s.server, user: s.user, password: s.password, displayName: s.displayName, signedIn: !!s.signedIn,
    }));
  }

  setSignedIn(signedIn) {
    this.saveSettings({ ...this.settings(), signedIn });
  }

  history() {
    const h = this.read(this.historyKey, []);
    return Array.isArray(h) ? h : [];
  }

  /** entry: {dir: 'in'|'out', user, name, uri, at, seconds, result}; newest first, at most 20. */
  addHistory(entry) {
    const h = [entry, ...this.history()].slice(0, HISTORY_MAX);
    this.storage.setItem(this.historyKey, JSON.stringify(h));
    return h;
  }

  clearHistory() {
    this.storage.removeItem(this.historyKey);
  }
}

/** Checks a settings form; returns {ok, field, message} (the first problem) or {ok: true}. */
export function validate(s) {
  if (!/^wss?:\/\/[^/\s]+/i.test(s.server)) {
    return { ok: false, field: 'server', message: 'The gateway address must start with wss:// (or ws://), e.g. wss://gateway:8443/ws.' };
  }
  if (!/^[^\s@:;]+(@[^\s@:;]+)?$/.test(s.user)) {
    return { ok: false, field: 'user', message: 'Enter your SIP user, such as 1001 or 1001@example.com.' };
  }
  if (!s.password) {
    return { ok: false, field: 'password', message: 'Enter your SIP password.' };
  }
  return { ok: true };
}

/** From the settings: {aor: 'sip:user@domain', username, domain}. */
export function identity(s) {
  const at = s.user.indexOf('@');
  const username = at < 0 ? s.user : s.user.slice(0, at);
  const domain = at < 0 ? new URL(s.server.replace(/^ws/i, 'http')).hostname : s.user.slice(at + 1);
  return { aor: `sip:${username}@${domain}`, username, domain };
}

/**
 * What the user typed → a SIP URI: "1002" or "+49 (30) 123-4" → sip:1002@domain (a number's
 * spaces, dashes and brackets dropped), "sales" → sip:sales@domain, "bob@example.com" →
 * sip:bob@example.com, "sip:..."/"sips:..." as typed.
 * Returns null for nothing usable.
 */
export function targetUri(input, domain) {
  const text = (input || '').trim();
  if (!text) return null;
  if (/^sips?:/i.test(text)) return /^sips?:[^\s@]+@[^\s@]+$|^sips?:[^\s@]+$/i.test(text) ? text : null;
  if (text.includes('@')) return /^[^\s@:]+@[^\s@]+$/.test(text) ? `sip:${text}` : null;
  const digits = text.replace(/[\s().-]/g, '');   // a phone number as people write it
  let user;
  if (/^[+]?[0-9*#]+$/.test(digits)) user = digits;
  else if (/^[A-Za-z0-9_.!~*+-]+$/.test(text)) user = text;   // a name such as "sales" or "alice.smith"
  else return null;
  return `sip:${user.replace(/#/g, '%23')}@${domain}`;   // '#' is not allowed bare in a SIP user part
}

/** The user part (or whole URI) of a SIP URI, for display. */
export function userOf(uri) {
  const m = /^sips?:([^@;]+)@/i.exec(uri || '');
  return m ? decodeURIComponent(m[1]) : (uri || '').replace(/^sips?:/i, '');
}
