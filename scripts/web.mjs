// `npm run web`: start the web host at once when the build is current; otherwise rebuild
// first, quietly (the build's output is shown only when it fails), so the host's URL is the
// last thing on the screen.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent, fingerprint, writeStamp } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Taken before building: a source saved during the build makes the next start rebuild.
const print = fingerprint(root);
if (!buildIsCurrent(root, print)) {
  process.stderr.write('Building MQScope (the sources changed since the last build)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8', shell: false });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write(
      `The build failed (exit ${build.status ?? build.signal}): the web host was not started.\n`,
    );
    process.exit(1);
  }
  writeStamp(root, print);
}

const host = spawn(
  process.execPath,
  [fileURLToPath(new URL('../out/web/index.js', import.meta.url)), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    // The allocator and V8 settings the host is measured with (see electron/web/host-env.ts).
    env: {
      ...JSON.parse(readFileSync(new URL('../electron/web/host-env.json', import.meta.url), 'utf8')),
      ...process.env,
    },
  },
);
// Ctrl+C reaches the host through the terminal's process group; a plain kill of this
// process is passed on, so the host still closes its connections.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
