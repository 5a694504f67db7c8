/**
 * A second writer on a data folder, as a real process (Trust #9, #12): a ProfileStore that
 * saves profiles and prints one JSON line per acknowledged (or refused) save. Built by
 * tests/support/profile-writer-process.ts; run as `node writer.mjs <dataDir> <mode> <count> <tag>`.
 *   race: starts <count> saves at once, then exits;
 *   loop: saves one after another until killed.
 */
import { FileKeySecretBox, ProfileStore } from '../../electron/engine';
import { ProfileOptionsSchema } from '../../electron/contract';

const [dataDir, mode, countText, tag] = process.argv.slice(2);
if (!dataDir || !mode || !countText || !tag) throw new Error('usage: <dataDir> <race|loop> <count> <tag>');
const count = Number(countText);
const store = new ProfileStore({ dataDir, secretBox: new FileKeySecretBox(dataDir) });
// Big enough that a write takes a moment (a kill lands mid-write more often).
const options = ProfileOptionsSchema.parse({
  transport: 'ws',
  host: 'broker.local',
  port: 8083,
  wsHeaders: [{ key: 'Authorization', value: `Bearer ${tag}` }],
  connectProperties: {
    userProperties: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(200) })),
  },
});

async function saveOne(n: number): Promise<void> {
  const name = `${tag}-${n}`;
  try {
    const view = await store.save({ name, options, secrets: { password: `pw-${name}` } });
    process.stdout.write(`${JSON.stringify({ acked: view.id, name })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ refused: name, message: String(error) })}\n`);
  }
}

if (mode === 'race') {
  await Promise.all(Array.from({ length: count }, (_, n) => saveOne(n)));
} else {
  for (let n = 0; ; n++) await saveOne(n);
}
