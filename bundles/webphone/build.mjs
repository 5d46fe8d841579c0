// Builds the webphone into the bundle's classpath (Maven calls it in generate-resources; see pom.xml):
//   node build.mjs [--out DIR] [--force]        (DIR defaults to target/classes/webphone)
// 1. npm ci from package-lock.json when node_modules is missing or older than the lock (so an
//    offline build works once it has run online); pinned jssip, sip.js and esbuild.
// 2. esbuild bundles each softphone (src/main/web/<app>/main.js with the shared common/*.js and
//    its SIP library) into <app>/app.js: nothing is loaded from anywhere else at run time.
// 3. The rest of the shell: pages from common/phone.html, manifests, icons (icons.mjs), a service
//    worker per app whose cache name is a hash of the shell, and THIRD-PARTY-NOTICES.txt.
// Skips all work while the output is newer than every input.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconPng } from './icons.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, 'src/main/web');
const argv = process.argv.slice(2);
const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(here, 'target/classes/webphone');
const force = argv.includes('--force');

/** The two softphones: folder, names, the library they are built on, and the tile colour. */
export const APPS = [
  { id: 'sipjs', name: 'Tabphone (SIP.js)', short: 'Tabphone S', lib: 'SIP.js 0.21.2 SimpleUser', color: '#1d4ed8' },
  { id: 'jssip', name: 'Tabphone (JsSIP)', short: 'Tabphone J', lib: 'JsSIP 3.13.8', color: '#0f766e' },
];
const LANDING_COLOR = '#334155';
const ICONS = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

const mtime = (p) => { try { return statSync(p).mtimeMs; } catch { return 0; } };
const files = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const say = (text) => console.log(`[webphone] ${text}`);

function npmCi() {
  const stamp = join(here, 'node_modules/.package-lock.json');
  if (existsSync(stamp) && mtime(stamp) >= mtime(join(here, 'package-lock.json'))) return;
  say('npm ci (package-lock.json)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: here, stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    console.error(`[webphone] npm ci failed (${r.error ? r.error.message : `exit ${r.status}`}): node and npm must be installed`);
    process.exit(1);
  }
}

function upToDate() {
  const stampFile = join(dirname(out), '.webphone-built');
  const inputs = [...files(web), join(here, 'build.mjs'), join(here, 'icons.mjs'), join(here, 'package-lock.json')];
  return !force && existsSync(stampFile) && Math.max(...inputs.map(mtime)) < mtime(stampFile);
}

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (m, k) => {
  if (!(k in values)) throw new Error(`no value for ${m}`);
  return values[k];
});

async function bundle(app) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(web, app.id, 'main.js')],
    outfile: join(out, app.id, 'app.js'),
    bundle: true, format: 'iife', platform: 'browser', target: ['chrome109', 'firefox115', 'safari15.4'],
    minify: true, legalComments: 'none', metafile: true, logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return Object.keys(result.metafile.inputs);
}

function manifest(app) {
  return JSON.stringify({
    id: `./`,
    name: app.name,
    short_name: app.short,
    description: `A SIP phone in the browser: registers with the Tabphone gateway and calls over WebRTC (${app.lib}).`,
    start_url: './',
    scope: './',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#f1f5f9',
    theme_color: app.color,
    categories: ['business', 'productivity', 'utilities'],
    icons: ICONS.map((i) => ({ src: `icons/${i.file}`, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
  }, null, 2) + '\n';
}

/** The shell files of an app, as URLs relative to its folder (the service worker's scope). */
function shellOf(app) {
  return ['./', 'app.js', 'manifest.webmanifest', ...ICONS.map((i) => `icons/${i.file}`), '../common/phone.css'];
}

function serviceWorker(app, template) {
  const shell = shellOf(app);
  const hash = createHash('sha256');
  for (const url of shell) {
    const path = url === './' ? join(out, app.id, 'index.html') : join(out, app.id, url);
    hash.update(url).update(readFileSync(path));
  }
  return fill(template, { APP: app.id, VERSION: hash.digest('hex').slice(0, 16), SHELL: JSON.stringify(shell) });
}

/** License texts of every npm package that went into a bundle (MIT: the notice must travel). */
function notices(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || packages.has(m[1])) continue;
    const dir = join(here, 'node_modules', m[1]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    packages.set(m[1], { pkg, text: licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${pkg.license}` });
  }
  return ['Third-party software in the Tabphone webphone (bundled into sipjs/app.js and jssip/app.js)', '']
    .concat([...packages.values()].sort((a, b) => a.pkg.name.localeCompare(b.pkg.name))
      .flatMap(({ pkg, text }) => [`== ${pkg.name} ${pkg.version} (${pkg.license})`, '', text, ''])).join('\n');
}

if (upToDate()) {
  say(`up to date: ${relative(process.cwd(), out) || out}`);
} else {
  const started = new Date();   // the stamp gets this time: an input edited during the build is newer
  npmCi();
  mkdirSync(out, { recursive: true });
  const inputs = new Set();
  for (const app of APPS) (await bundle(app)).forEach((i) => inputs.add(i));
  const page = readFileSync(join(web, 'common/phone.html'), 'utf8');
  const swTemplate = readFileSync(join(web, 'common/sw.js'), 'utf8');
  write(join(out, 'common/phone.css'), readFileSync(join(web, 'common/phone.css')));
  write(join(out, 'index.html'), readFileSync(join(web, 'index.html')));
  for (const i of ICONS.filter((x) => x.purpose === 'any')) write(join(out, 'icons', i.file), iconPng(i.size, { color: LANDING_COLOR }));
  for (const app of APPS) {
    write(join(out, app.id, 'index.html'), fill(page, { APP: app.id, NAME: app.name, LIB: app.lib, COLOR: app.color }));
    write(join(out, app.id, 'manifest.webmanifest'), manifest(app));
    for (const i of ICONS) {
      write(join(out, app.id, 'icons', i.file), iconPng(i.size, { color: app.color, maskable: i.purpose === 'maskable' }));
    }
    write(join(out, app.id, 'sw.js'), serviceWorker(app, swTemplate));
  }
  write(join(out, 'THIRD-PARTY-NOTICES.txt'), notices(inputs));
  write(join(dirname(out), '.webphone-built'), `${started.toISOString()}\n`);
  utimesSync(join(dirname(out), '.webphone-built'), started, started);
  const bytes = files(out).reduce((n, f) => n + statSync(f).size, 0);
  say(`built ${APPS.map((a) => a.id).join(' and ')} into ${out} (${files(out).length} files, ${Math.round(bytes / 1024)} KiB)`);
}
