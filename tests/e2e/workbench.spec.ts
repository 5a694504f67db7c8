/**
 * Issue 14 #1 and #6: the workbench. The activity bar switches the side area and collapses
 * it; the first screen has one obvious start; pane sizes are remembered across a reload;
 * switching the payload format File -> JSON throws nothing in Monaco.
 */
import { expect, test } from './fixtures';

test('the activity bar switches the side area, and a click on the shown one collapses it (issue 14 #1)', async ({
  app,
}) => {
  const p = app.page;
  const tabs = p.getByRole('tablist', { name: 'Activities' }).getByRole('tab');
  await expect(tabs).toHaveText([
    'Connections',
    'Local broker',
    'Broker statistics',
    'Lab',
    'Charts',
    'Broker check',
    'Recordings',
    'Scripts',
    'Sparkplug B',
    'Settings',
  ]);
  await expect(p.getByRole('tab', { name: 'Connections' })).toHaveAttribute('aria-selected', 'true');
  await expect(p.getByLabel('Host', { exact: true })).toBeVisible();

  await app.showActivity('Local broker');
  await expect(p.getByRole('form', { name: 'Start the local broker' })).toBeVisible();
  // The other views stay mounted but hidden: a half-typed form keeps its text.
  await expect(p.getByLabel('Host', { exact: true })).toBeHidden();

  await p.getByRole('tab', { name: 'Local broker' }).click();
  await expect(p.getByRole('tab', { name: 'Local broker' })).toHaveAttribute('aria-expanded', 'false');
  await expect(p.getByRole('form', { name: 'Start the local broker' })).toBeHidden();

  // Another activity opens the side area again; the choice is remembered over a reload.
  await app.showActivity('Lab');
  await p.reload();
  await app.waitUntilReady();
  await expect(p.getByRole('tab', { name: 'Lab' })).toHaveAttribute('aria-selected', 'true');
});

test('the first screen says where to start; "New connection" leads to the form (issue 14 #1)', async ({
  app,
}) => {
  const p = app.page;
  await app.showActivity('Settings');
  const start = p.getByRole('region', { name: 'Start here' });
  await expect(start).toBeVisible();
  // One primary start, and what each area is for.
  await expect(start.getByRole('term')).toHaveText([
    'Subscriptions',
    'Topic tree',
    'Messages',
    'Publish',
    'Packets',
  ]);
  await start.getByRole('button', { name: 'New connection' }).click();
  await expect(p.getByRole('tab', { name: 'Connections' })).toHaveAttribute('aria-selected', 'true');
  await expect(p.getByLabel('Host', { exact: true })).toBeFocused();

  await start.getByRole('button', { name: 'Use a local broker' }).click();
  await expect(p.getByRole('form', { name: 'Start the local broker' })).toBeVisible();
});

test('pane sizes are remembered across a reload (issue 14 #1)', async ({ app }) => {
  const p = app.page;
  const side = p.getByTestId('side');
  const before = (await side.boundingBox())?.width ?? 0;
  // Keyboard resizing of the separator: the same path as a drag, without pixel aim.
  const handle = p.getByRole('separator', { name: 'Resize the side area' });
  await handle.focus();
  for (let i = 0; i < 5; i++) await p.keyboard.press('ArrowRight');
  await expect.poll(async () => (await side.boundingBox())?.width ?? 0).toBeGreaterThan(before + 20);
  const resized = (await side.boundingBox())?.width ?? 0;

  await p.reload();
  await app.waitUntilReady();
  await expect.poll(async () => Math.round((await side.boundingBox())?.width ?? 0)).toBe(Math.round(resized));
});

test('switching the payload format File -> JSON throws no error in Monaco (issue 14 #6)', async ({ app }) => {
  const p = app.page;
  const errors: string[] = [];
  p.on('pageerror', (error) => errors.push(error.message));
  const editor = p.getByTestId('payload-editor').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  for (let round = 0; round < 2; round++) {
    await app.payloadFormat.selectOption('file');
    await expect(editor).toBeHidden();
    await app.payloadFormat.selectOption('json');
    await expect(editor).toBeVisible();
  }
  // The editor made last works: typing reaches it, and Monaco's idle-time contributions have run.
  await app.fillPayload('{"ok": true}');
  await expect.poll(() => app.payloadText()).toBe('{"ok": true}');
  await p.evaluate(() => {
    const page = globalThis as unknown as {
      requestIdleCallback(run: () => void, options: { timeout: number }): void;
    };
    return new Promise<void>((resolve) => page.requestIdleCallback(() => resolve(), { timeout: 2000 }));
  });
  expect(errors).toEqual([]);
});
