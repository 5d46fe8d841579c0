// The softphones' plain logic, without a browser (node --test; Maven runs it in the test phase):
// addressing, settings checks and storage, and the words shown for failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, defaultServer, identity, targetUri, userOf, validate } from '../../main/web/common/settings.js';
import { callEnding, causeOfStatus, microphoneError, registrationError } from '../../main/web/common/errors.js';

class MemoryStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

test('the default gateway is the page\'s own host: wss on https, ws on http', () => {
  assert.equal(defaultServer({ protocol: 'https:', host: 'gw.example.com:8443' }), 'wss://gw.example.com:8443/ws');
  assert.equal(defaultServer({ protocol: 'http:', host: '10.0.0.5:8080' }), 'ws://10.0.0.5:8080/ws');
});

test('a user without a domain belongs to the gateway\'s host', () => {
  assert.deepEqual(identity({ user: '1001', server: 'wss://198.51.100.1:8443/ws' }),
    { aor: 'sip:1001@198.51.100.1', username: '1001', domain: '198.51.100.1' });
  assert.deepEqual(identity({ user: '1001@demo.tabphone.test', server: 'wss://gw/ws' }),
    { aor: 'sip:1001@demo.tabphone.test', username: '1001', domain: 'demo.tabphone.test' });
});

test('what is dialled becomes a SIP URI', () => {
  const d = 'demo.tabphone.test';
  assert.equal(targetUri('1002', d), 'sip:1002@demo.tabphone.test');
  assert.equal(targetUri(' +49 (30) 123-4 ', d), 'sip:+49301234@demo.tabphone.test');
  assert.equal(targetUri('*97#', d), 'sip:*97%23@demo.tabphone.test');
  assert.equal(targetUri('bob@example.com', d), 'sip:bob@example.com');
  assert.equal(targetUri('sales-team', d), 'sip:sales-team@demo.tabphone.test');
  assert.equal(targetUri('sips:alice@example.com', d), 'sips:alice@example.com');
  for (const bad of ['', '   ', 'a b@c', 'sip:bad space@x', 'hello world']) assert.equal(targetUri(bad, d), null, bad);
  assert.equal(userOf('sip:%2A97@x'), '*97');
  assert.equal(userOf('sip:1002@h;transport=ws'), '1002');
});

test('settings are checked field by field', () => {
  assert.equal(validate({ server: 'https://gw/ws', user: '1001', password: 'p' }).field, 'server');
  assert.equal(validate({ server: 'wss://gw/ws', user: '10 01', password: 'p' }).field, 'user');
  assert.equal(validate({ server: 'wss://gw/ws', user: '1001', password: '' }).field, 'password');
  assert.equal(validate({ server: 'wss://gw:8443/ws', user: '1001@example.com', password: 'p' }).ok, true);
});

test('settings and history are kept per app; history holds the newest 20', () => {
  const storage = new MemoryStorage();
  const sipjs = new Store('sipjs', storage);
  const jssip = new Store('jssip', storage);
  globalThis.window = { location: { protocol: 'https:', host: 'gw:8443' } };
  assert.equal(sipjs.settings().server, 'wss://gw:8443/ws');
  assert.equal(sipjs.hasCredentials(), false);
  sipjs.saveSettings({ server: 'wss://gw:8443/ws', user: '1002', password: 'demo1002', displayName: 'Bob', signedIn: true });
  assert.deepEqual(sipjs.settings(), { server: 'wss://gw:8443/ws', user: '1002', password: 'demo1002', displayName: 'Bob', signedIn: true });
  assert.equal(jssip.settings().user, '');
  sipjs.setSignedIn(false);
  assert.equal(sipjs.settings().signedIn, false);
  for (let i = 0; i < 25; i++) sipjs.addHistory({ dir: 'out', user: String(i), at: i });
  assert.equal(sipjs.history().length, 20);
  assert.equal(sipjs.history()[0].user, '24');
  storage.setItem('tabphone.jssip.history', '{not json');
  assert.deepEqual(jssip.history(), []);
});

test('failures are told in words a user can act on', () => {
  assert.match(registrationError({ kind: 'auth', status: 401, reason: 'Unauthorized' }, 'wss://gw/ws'), /^Wrong user or password: .*401 Unauthorized/);
  assert.match(registrationError({ kind: 'unreachable' }, 'wss://gw/ws'), /^Gateway unreachable: .*wss:\/\/gw\/ws/);
  assert.match(microphoneError('NotAllowedError'), /^Microphone access denied/);
  assert.equal(causeOfStatus(486), 'busy');
  assert.equal(causeOfStatus(404), 'not-found');
  assert.equal(callEnding({ cause: 'busy', status: 486, reason: 'Busy Here' }, '1002'), '1002 is busy (486 Busy Here).');
  assert.equal(callEnding({ cause: 'hangup' }, 'Bob'), null);
  assert.match(callEnding({ cause: 'rejected', status: 500, reason: 'Server Error' }, 'Bob'), /\(500 Server Error\)/);
});
