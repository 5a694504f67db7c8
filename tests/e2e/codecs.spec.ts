/**
 * Issue 12 #1/#2: binary payloads published by the real mosquitto_pub show decoded in the
 * detail pane: a MessagePack map (MQTT 5 content type) as JSON, a Sparkplug B DDATA
 * (spBv1.0 namespace) with the metric names its DBIRTH gave the aliases.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Encoder } from 'cbor-x';
import { mosquittoPubFile } from '../support/mosquitto-burst';
import { oneMessageHex } from '../support/mosquitto-format-sub';
import { deviceBirth, deviceData } from '../support/sparkplug-fixture';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('a MessagePack map and a Sparkplug B DDATA show decoded in the detail pane', async ({ app, broker }) => {
  const r = `e2e-${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-e2e-codecs-'));
  try {
    await app.connectAndSubscribe(broker, `${r}/#`);
    await app.subscribe(`spBv1.0/${r}/#`);

    const packed = join(dir, 'map.msgpack');
    await writeFile(packed, msgpackEncode({ device: 'pump-7', temp: 21.5, on: true }));
    await mosquittoPubFile(broker, `${r}/telemetry`, packed, {
      properties: [['content-type', 'application/msgpack']],
    });

    const row = app.messages
      .getByRole('row')
      .filter({ hasText: `${r}/telemetry` })
      .first();
    await row.click();
    await expect(app.detailTab('Decoded')).toHaveAttribute('aria-selected', 'true');
    const panel = app.detail.getByRole('tabpanel');
    await expect(panel.getByTestId('decoded-codec')).toContainText('MessagePack');
    await expect(panel).toContainText('"device": "pump-7"');
    await expect(panel).toContainText('"temp": 21.5');

    // "Decode as…" CBOR: the same bytes fail, and the pane says where, with the hex.
    await panel.getByLabel('Decode as…').selectOption('cbor');
    await expect(panel.getByRole('alert')).toContainText('Does not decode as CBOR');
    await panel.getByLabel('Decode as…').selectOption('');
    await expect(panel).toContainText('"device": "pump-7"');

    const birth = join(dir, 'dbirth.bin');
    const data = join(dir, 'ddata.bin');
    await writeFile(birth, deviceBirth(0));
    await writeFile(data, deviceData(1, 23.25));
    await mosquittoPubFile(broker, `spBv1.0/${r}/DBIRTH/edge1/pump`, birth);
    await mosquittoPubFile(broker, `spBv1.0/${r}/DDATA/edge1/pump`, data);

    await app.messages
      .getByRole('row')
      .filter({ hasText: `spBv1.0/${r}/DDATA/edge1/pump` })
      .first()
      .click();
    await expect(panel.getByTestId('decoded-codec')).toContainText('Sparkplug B');
    await expect(panel).toContainText('"name": "Temperature"');
    await expect(panel).toContainText('"value": 23.25');
    await expect(panel).toContainText(`Metric names from the birth on spBv1.0/${r}/DBIRTH/edge1/pump`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Issue 12 #5: JSON written in the editor goes out encoded; the other side gets exactly the
// bytes the reference encoder makes for the same JSON (read back as hex by mosquitto_sub -F %x).
test("publishing JSON as MessagePack and CBOR sends the reference encoders' bytes", async ({
  app,
  broker,
}) => {
  const r = `e2e-${randomBytes(4).toString('hex')}`;
  await app.connectAndSubscribe(broker, `${r}/#`);
  const json = '{"device":"pump-7","temp":21.5,"on":true}';
  const cases = [
    ['MessagePack', 'msgpack', msgpackEncode(JSON.parse(json))],
    ['CBOR', 'cbor', new Encoder({ useRecords: false }).encode(JSON.parse(json))],
  ] as const;
  await app.publishPanel.getByLabel('Retain').check();
  for (const [label, codec, reference] of cases) {
    const topic = `${r}/${codec}`;
    await app.page.getByLabel('Topic', { exact: true }).fill(topic);
    await app.payloadFormat.selectOption('json');
    await app.fillPayload(json);
    await app.publishPanel.getByLabel('Send JSON as').selectOption({ label });
    await app.page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(app.publishResult).toContainText(/Sent \(QoS 0|Acknowledged/);
    expect(await oneMessageHex(broker, topic)).toBe(Buffer.from(reference).toString('hex'));
  }
});

// Issue 12 #1: a codec bound to a topic pattern in "Payload formats…" decodes that topic.
test('a codec binding saved in Payload formats… decodes its topic', async ({ app, broker }) => {
  const r = `e2e-${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'mqscope-e2e-bind-'));
  try {
    await app.connectAndSubscribe(broker, `${r}/#`);
    await app.publishPanel.getByRole('button', { name: 'Payload formats…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Payload formats' });
    await dialog.getByRole('button', { name: 'Add a codec binding' }).click();
    await dialog.getByLabel('Codec binding pattern').fill(`${r}/cbor/#`);
    await dialog.getByLabel('Codec', { exact: true }).selectOption({ label: 'CBOR' });
    await dialog.getByRole('button', { name: 'Save schemas' }).click();
    await expect(dialog).toBeHidden();

    const file = join(dir, 'x.cbor');
    await writeFile(
      file,
      new Encoder({ useRecords: false }).encode({ level: 3, raw: new Uint8Array([1, 2]) }),
    );
    await mosquittoPubFile(broker, `${r}/cbor/tank`, file);
    await app.messages
      .getByRole('row')
      .filter({ hasText: `${r}/cbor/tank` })
      .first()
      .click();
    const panel = app.detail.getByRole('tabpanel');
    await expect(panel.getByTestId('decoded-codec')).toContainText('CBOR · bound to this topic');
    await expect(panel).toContainText('"level": 3');
    await expect(panel).toContainText('"raw": "0102"');
    await panel.getByText(/Types JSON does not show/).click();
    await expect(panel).toContainText('raw — bytes, shown as hex (2 bytes)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
