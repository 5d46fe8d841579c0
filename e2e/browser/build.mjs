// Bundles JsSIP and SIP.js for the test page with esbuild: dist/{index.html,jssip.js,sipjs.js}.
// Rebuilds only when an input is newer than the output (the test wrappers call it every run).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const mtime = (p) => { try { return statSync(p).mtimeMs; } catch { return 0; } };
const inputs = ['page/jssip-entry.js', 'page/sipjs-entry.js', 'page/index.html', 'page/e2e.js', 'page/console-clean.js', 'package-lock.json', 'build.mjs']
  .map((p) => join(here, p));
const outputs = ['jssip.js', 'sipjs.js', 'index.html', 'e2e.js', 'console-clean.js'].map((p) => join(dist, p));
const newestInput = Math.max(...inputs.map(mtime));
const oldestOutput = Math.min(...outputs.map(mtime));

if (process.argv.includes('--force') || oldestOutput === 0 || newestInput > oldestOutput) {
  mkdirSync(dist, { recursive: true });
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning',
    sourcemap: 'inline' };
  await Promise.all([
    build({ ...common, entryPoints: [join(here, 'page/jssip-entry.js')], outfile: join(dist, 'jssip.js') }),
    build({ ...common, entryPoints: [join(here, 'page/sipjs-entry.js')], outfile: join(dist, 'sipjs.js') }),
  ]);
  for (const f of ['index.html', 'e2e.js', 'console-clean.js']) copyFileSync(join(here, 'page', f), join(dist, f));
  console.log(`bundled JsSIP and SIP.js into ${dist}`);
}
