/**
 * Issue 12 #3 and #4 in the browser: an edge node's Sparkplug B messages, built from the
 * upstream Tahu `.proto` and published by the real mosquitto_pub, show as decoded previews in
 * the message list and as state in the Sparkplug B view (online, metrics named by the birth,
 * rebirth needed, a garbage payload's decode error); the confirmed rebirth reaches mosquitto_sub as a Tahu-decodable NCMD.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoPubFile } from '../support/mosquitto-burst';
import { formatSub } from '../support/mosquitto-format-sub';
import { TahuPayload, deviceBirth, deviceData, nodeBirth } from '../support/sparkplug-fixture';
import { expect, requireMosquitto, test } from './fixtures';
import { showActivity } from './main-page';

requireMosquitto();

test('Sparkplug B: decoded list preview, node state, metric chart and a confirmed rebirth', async ({
  app,
  broker,
}) => {
  const g = `e2e${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-e2e-sparkplug-'));
  let n = 0;
  const publish = async (topic: string, bytes: Uint8Array) => {
    const file = join(dir, `${++n}.bin`);
    await writeFile(file, bytes);
    await mosquittoPubFile(broker, topic, file);
  };
  try {
    await app.connectAndSubscribe(broker, `spBv1.0/${g}/#`);
    await publish(`spBv1.0/${g}/NBIRTH/edge1`, nodeBirth(1));
    await publish(`spBv1.0/${g}/DBIRTH/edge1/pump`, deviceBirth(1));
    await publish(`spBv1.0/${g}/DDATA/edge1/pump`, deviceData(2, 23.25));
    await publish(`spBv1.0/${g}/DDATA/edge1/pump`, deviceData(3, 24.5));
    // A node whose birth this session never saw.
    await publish(`spBv1.0/${g}/NDATA/edge9`, deviceData(7, 1));
    // Hostile: bytes that are no Sparkplug payload at all.
    await publish(`spBv1.0/${g}/NDATA/edge3`, new Uint8Array([0xff, 0xff, 0xff]));

    // The list row shows the decoded summary, with the name the DBIRTH gave alias 1.
    await expect(
      app.messages
        .getByRole('row')
        .filter({ hasText: `spBv1.0/${g}/DDATA/edge1/pump` })
        .first(),
    ).toContainText('DDATA 1 metric: Temperature=23.25');
    await expect(
      app.messages
        .getByRole('row')
        .filter({ hasText: `spBv1.0/${g}/NDATA/edge9` })
        .first(),
    ).toContainText('⚠ rebirth needed');

    // The diff compares the decoded payloads: the metric's value changed, not "bytes differ".
    await app.messages.getByRole('row').filter({ hasText: 'Temperature=24.5' }).click();
    await app.detailTab('Diff').click();
    const diff = app.detail.getByRole('table', { name: 'Changes since the previous message' });
    await expect(diff).toContainText('/metrics/0/value');
    await expect(diff).toContainText('24.5');

    await showActivity(app.page, 'Sparkplug B');
    const view = app.page.getByRole('region', { name: 'Sparkplug B' });
    const tree = view.getByRole('list', { name: 'Sparkplug namespace' });
    await expect(tree).toContainText(`Group ${g}`);
    // The garbage payload is said in the view, the rest of it works on.
    const errors = view.getByText('1 payload did not decode');
    await errors.click();
    await expect(view).toContainText(`spBv1.0/${g}/NDATA/edge3 (message #`);
    await expect(view).toContainText('Not a Sparkplug B payload');
    const edge1 = tree.getByRole('button', { name: /^edge1/ });
    await expect(edge1).toContainText('Online');
    await tree.getByRole('button', { name: /^pump/ }).click();
    const detail = view.getByRole('region', { name: `Selected: ${g}/edge1/pump` });
    const temperature = detail.getByRole('row', { name: /Temperature/ });
    await expect(temperature).toContainText('24.5');
    await expect(temperature).toContainText('Float');

    // Chart this: the engine picks the metric by name out of each decoded DDATA.
    await detail.getByRole('button', { name: 'Chart Temperature' }).click();
    await expect(app.page.getByLabel(/Chart: .*DDATA\/edge1\/pump · Temperature/)).toBeVisible();

    await showActivity(app.page, 'Sparkplug B');
    const edge9 = tree.getByRole('button', { name: /^edge9/ });
    await expect(edge9).toContainText('Rebirth needed');
    await edge9.click();
    const node9 = view.getByRole('region', { name: `Selected: ${g}/edge9` });
    await expect(node9).toContainText('before any birth');

    const sub = await formatSub(broker, `spBv1.0/${g}/NCMD/edge9`);
    try {
      await node9.getByRole('button', { name: 'Send rebirth…' }).click();
      const confirm = node9.getByRole('group', { name: 'Confirm rebirth' });
      await expect(confirm).toContainText(`spBv1.0/${g}/NCMD/edge9`);
      await confirm.getByRole('button', { name: 'Publish' }).click();
      await expect(node9.getByRole('status').last()).toContainText('Rebirth command published');
      const [line] = await sub.until(1, 20_000);
      const hex = (line ?? '').split('\t')[3] ?? '';
      const payload = TahuPayload.toObject(TahuPayload.decode(Buffer.from(hex, 'hex')));
      expect(payload.metrics).toEqual([
        expect.objectContaining({ name: 'Node Control/Rebirth', boolean_value: true }),
      ]);
    } finally {
      sub.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
