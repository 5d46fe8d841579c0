// A trunk's outbound registration against sipp playing the provider's registrar on 127.0.0.3
// (e2e/sipp/trunk-registrar.xml checks every credential with verifyauth): the trunk is added
// from the console with register=true; the gateway answers the 401, registers, refreshes before
// the 12 s grant runs out (re-registration observed), and after `tabphone:trunk-set … password=n3w`
// the next REGISTER carries the new credentials — timed from the console command. Then a trunk as
// a .cfg file in etc/: saved, changed and deleted, each timed until tabphone:trunks shows it. No browser.
import { check } from '../lib/harness.mjs';
import { gatewayTrunks, karaf } from '../lib/karaf.mjs';
import { freeUdpPort, startSipp, checkSipp } from '../lib/sipp.mjs';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (s) => console.log(`trunk-register: ${s}`);

async function trunkRow(name) {
  const t = await gatewayTrunks();
  return { row: t.rows.find((r) => r.trunk === name), text: t.text };
}

async function waitStatus(name, status, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { row, text } = await trunkRow(name);
    if (row?.status === status) return row;
    if (Date.now() > end) throw new Error(`trunk ${name} never showed ${status}:\n${text}`);
    await sleep(200);
  }
}

await karaf('tabphone:trunk-remove e2e-reg').catch(() => {});
const port = await freeUdpPort();
const sipp = startSipp('trunk-registrar', 'trunk-registrar.xml', ['-t', 'u1', '-p', String(port), '-i', '127.0.0.3'],
  { port, host: '127.0.0.3', timeoutS: 40 });
try {
  check(await sipp.ready(), `sipp never bound 127.0.0.3:${port}`);
  const t0 = Date.now();
  await karaf(`tabphone:trunk-add e2e-reg demo 127.0.0.3 port=${port} username=acme password=s3cret register=true`);
  const reg = await waitStatus('e2e-reg', 'REGISTERED', 5000);
  say(`registered ${Date.now() - t0} ms after tabphone:trunk-add (${reg.detail})`);
  await sleep(11000); // the gateway refreshes the 12 s grant at about 10 s
  const t1 = Date.now();
  await karaf('tabphone:trunk-set e2e-reg password=n3w');
  const r = checkSipp(await sipp.done);
  const registers = r.messages.filter((m) => m.dir === 'received' && m.first.startsWith('REGISTER '));
  const callIds = new Set(registers.map((m) => /^Call-ID: *(.*)$/mi.exec(m.text)?.[1]?.trim()));
  check(registers.length === 6 && callIds.size === 1, `sipp got ${registers.length} REGISTERs with ${callIds.size} Call-IDs, not 6 with one`);
  const refreshGap = registers[2].at - registers[1].at;
  check(refreshGap > 8000 && refreshGap < 12000, `the refresh came ${refreshGap} ms after the registration (12 s granted)`);
  const applied = registers[5].at - t1;
  check(applied < 10000, `the new password reached the registrar ${applied} ms after tabphone:trunk-set`);
  say(`refresh ${refreshGap} ms after the registration (12 s granted); the new password reached the registrar`
    + ` ${applied} ms after tabphone:trunk-set; one Call-ID throughout, sipp's verifyauth accepted every credential`);
  const after = await waitStatus('e2e-reg', 'REGISTERED', 3000);
  say(`tabphone:trunks: ${after.status} ${after.detail}`);

  // a trunk as an etc/ file (FileInstall): saving, changing and deleting it applies live
  const file = join(process.env.GATEWAY_HOME || join(here, '..', '..', '..', 'run'), 'etc', 'org.tabphone.trunk-e2efile.cfg');
  const cfg = (max) => `name = e2e-file\ntenant = demo\nhost = 127.0.0.3\nport = ${port + 2}\nmax.outbound = ${max}\n`;
  const timed = async (what, write, until) => {
    const t = Date.now();
    write();
    const end = t + 10000;
    for (;;) {
      const { row, text } = await trunkRow('e2e-file');
      if (until(row)) return Date.now() - t;
      if (Date.now() > end) throw new Error(`${what}: not applied after 10 s:\n${text}`);
      await sleep(100);
    }
  };
  const added = await timed('file saved', () => writeFileSync(file, cfg(3)), (row) => row?.['limits in/out/total'] === '-/3/-');
  const changed = await timed('file changed', () => writeFileSync(file, cfg(4)), (row) => row?.['limits in/out/total'] === '-/4/-');
  const removed = await timed('file deleted', () => rmSync(file), (row) => !row);
  // goal < 2 s (FileInstall polls every second); the bound leaves room for a loaded machine and the ssh polling
  check(Math.max(added, changed, removed) < 5000, `a saved .cfg took ${added}/${changed}/${removed} ms to apply`);
  say(`org.tabphone.trunk-e2efile.cfg: saved → trunk live in ${added} ms, max.outbound changed in the file → applied`
    + ` in ${changed} ms, file deleted → trunk gone in ${removed} ms (tabphone:trunks polled every 100 ms)`);
  say('ok');
} finally {
  sipp.child.kill();
  await karaf('tabphone:trunk-remove e2e-reg').catch(() => {});
}
