/**
 * Issue 15 item 2, the broker check view end to end: a profile on the test Mosquitto, one
 * group run from the view (never the whole suite here), verdicts, a check opened to its
 * evidence, the report exported as Markdown and JSON, and two kept runs compared.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { CheckReportSchema } from '../../electron/contract';
import { expect, requireMosquitto, test } from './fixtures';
import { showActivity } from './main-page';
import { ProfilesPanel } from './profiles-panel';

requireMosquitto();

const view = (p: Page) => p.getByRole('dialog', { name: 'Broker check' });

async function runGroup(p: Page, group: string): Promise<void> {
  await view(p).getByRole('combobox', { name: 'Checks', exact: true }).selectOption({ label: group });
  await view(p).getByRole('button', { name: 'Run check' }).click();
}

async function downloaded(p: Page, button: string): Promise<string> {
  const downloading = p.waitForEvent('download');
  await view(p).getByRole('button', { name: button }).click();
  const file = await (await downloading).path();
  return readFileSync(file, 'utf8');
}

test('run one group on a profile, open its evidence, export it, and compare two runs', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.create({
    name: 'check target',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await showActivity(p, 'Broker check');
  await p.getByRole('button', { name: 'Broker check…' }).click();
  const dialog = view(p);
  await expect(dialog.getByRole('combobox', { name: 'Broker (profile)' })).toHaveValue(/.+/);
  await expect(dialog.getByRole('list', { name: 'Kept runs' })).toHaveCount(0);

  // Issue 15 #2: run a group; progress, then the verdicts with one-line findings.
  await runGroup(p, 'Client IDs');
  const summary = dialog.getByRole('status', { name: 'Check progress' });
  await expect(summary).toContainText(/1 conform, 0 differ, 0 not supported, 0 could not run/, {
    timeout: 30_000,
  });
  const results = dialog.getByRole('table', { name: 'Check results' });
  const row = results.locator('tr[data-check="client-ids.zero-length"]');
  await expect(row).toContainText('conforms');
  await expect(row).toContainText(/assigned/i);

  // Issue 15 #2: a check expands to its evidence: the statement with its section, and the packets.
  await row.getByRole('button', { name: 'client-ids.zero-length' }).click();
  const evidence = dialog.getByRole('region', { name: 'Evidence for client-ids.zero-length' });
  await expect(evidence).toContainText(/MQTT 5 §3\.1\.3\.1/);
  const packets = evidence.getByRole('table', { name: 'Packets' });
  await expect(packets.getByRole('row').filter({ hasText: 'CONNACK' }).first()).toContainText('received');

  // Issue 15 #2: export as Markdown and JSON.
  const markdown = await downloaded(p, 'Export Markdown');
  expect(markdown).toMatch(/^# MQTT broker check: mqtt:\/\/127\.0\.0\.1:\d+/);
  expect(markdown).toContain('| conforms | `client-ids.zero-length` |');
  expect(markdown).toContain('| +ms | Client | Dir | Packet | Fields |');
  const report = CheckReportSchema.parse(JSON.parse(await downloaded(p, 'Export JSON')));
  expect(report.results.map((r) => [r.id, r.verdict])).toEqual([['client-ids.zero-length', 'conforms']]);

  // Issue 15 #2: a second run is kept too; the two compare side by side, differences marked.
  await runGroup(p, '$ topics');
  await expect(summary).toContainText(/0 conform, 0 differ, 0 not supported, 1 could not run/, {
    timeout: 30_000,
  });
  const kept = dialog.getByRole('list', { name: 'Kept runs' }).getByRole('listitem');
  await expect(kept).toHaveCount(2);
  const compare = dialog.getByRole('region', { name: 'Compare two runs' });
  await expect(compare.getByRole('status', { name: 'Comparison summary' })).toHaveText(
    '2 checks differ between the two runs.',
  );
  const sideBySide = compare.getByRole('table', { name: 'Runs side by side' });
  await expect(sideBySide.locator('tr[data-differs="true"]')).toHaveCount(2);
  await expect(sideBySide.getByRole('row').filter({ hasText: 'client-ids.zero-length' })).toContainText(
    'not in this run',
  );

  // The same run on both sides: nothing differs.
  await compare.getByRole('combobox', { name: 'Run A' }).selectOption({ index: 0 });
  await expect(compare.getByRole('status', { name: 'Comparison summary' })).toHaveText(
    '0 checks differ between the two runs.',
  );

  // An earlier run opens again from the history.
  await kept.nth(1).getByRole('button').click();
  await expect(results.locator('tr[data-check="client-ids.zero-length"]')).toContainText('conforms');
});

test('the local broker panel lists the built-in broker’s deviations from the committed results', async ({
  app,
}) => {
  // Built-in broker #2: every non-conforming known answer, with its finding; shown for the built-in broker only.
  await showActivity(app.page, 'Local broker');
  const engine = app.page.getByRole('combobox', { name: 'Broker', exact: true });
  await engine.selectOption('mosquitto');
  await expect(app.page.getByText(/checks where this broker differs from MQTT$/)).toHaveCount(0);
  await engine.selectOption('built-in');
  const known = JSON.parse(
    readFileSync(new URL('../../electron/contract/check-findings-aedes.json', import.meta.url), 'utf8'),
  ) as { deviations: unknown[] };
  const count = known.deviations.length;
  const deviations = app.page.getByText(`${count} checks where this broker differs from MQTT`, {
    exact: true,
  });
  await deviations.click();
  const list = app.page.getByRole('list', { name: 'Known deviations of the built-in broker' });
  await expect(list.getByRole('listitem')).toHaveCount(count);
  await expect(list.getByRole('listitem').filter({ hasText: 'sessions.redelivery' })).toContainText(
    'without DUP',
  );
  await expect(list).not.toContainText('will.properties');
});
