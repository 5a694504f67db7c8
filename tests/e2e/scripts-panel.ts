import { expect, type Locator, type Page } from '@playwright/test';
import { showActivity } from './main-page';

export type ScriptKindName = 'Transform' | 'Auto-responder' | 'Simulated device';

/** The Scripts activity (side area) and the script editor it opens over the main area. */
export class ScriptsPanel {
  readonly view: Locator;
  readonly pane: Locator;
  readonly console: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('#activity-view-scripts');
    this.pane = page.getByRole('region', { name: 'Script editor' });
    this.console = page.getByRole('region', { name: 'Script console' });
  }

  async show(): Promise<void> {
    await showActivity(this.page, 'Scripts');
  }

  /** New script from the kind's example (or blank), named; the editor opens on it. */
  async create(name: string, kind: ScriptKindName, from: 'example' | 'blank' = 'example'): Promise<void> {
    await this.view.getByRole('button', { name: 'New script' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New script' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
    if (from === 'blank') await dialog.getByLabel('Blank', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.pane.getByRole('heading', { name })).toBeVisible();
  }

  /** A script's row in the list, by its exact name. */
  row(name: string): Locator {
    return this.view
      .getByRole('listitem')
      .filter({ has: this.page.locator('.script-name').getByText(name, { exact: true }) });
  }

  /** Selects a script and opens it in the editor. */
  async open(name: string): Promise<void> {
    await this.row(name).locator('.script-open').click();
    await expect(this.pane.getByRole('heading', { name })).toBeVisible();
  }

  /** The editor's input (Monaco's hidden textarea, named after the script). */
  editor(name: string): Locator {
    return this.page.getByRole('textbox', { name: `Script ${name}`, exact: true });
  }

  /** Replaces the script's text with a paste (typing would get Monaco's auto-closing and indent). */
  async fillSource(name: string, text: string): Promise<void> {
    const editor = this.editor(name);
    await editor.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    // Runs in the page; this file is type-checked without the DOM library, hence the casts.
    await editor.evaluate((element, pasted) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, value: string): void };
        ClipboardEvent: new (type: string, init: object) => Event;
      };
      const data = new page.DataTransfer();
      data.setData('text/plain', pasted);
      element.dispatchEvent(
        new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
    await expect(this.pane.getByRole('note')).toHaveText('Unsaved changes');
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+S');
    await expect(this.pane.getByRole('note')).toBeHidden();
  }

  async closeEditor(): Promise<void> {
    await this.pane.getByRole('button', { name: 'Close editor' }).click();
    await expect(this.pane).toBeHidden();
  }

  get responderSwitch(): Locator {
    return this.view.getByRole('switch', { name: 'Auto-responder on for this connection' });
  }

  /**
   * Switches the selected responder on or off and waits for the engine's answer (the switch
   * is disabled until then): the engine reports a run as running while its script still loads.
   */
  async setResponder(on: boolean): Promise<void> {
    await this.responderSwitch.click();
    await expect(this.responderSwitch).toBeEnabled();
    await expect(this.responderSwitch).toHaveAttribute('aria-checked', String(on));
  }

  get deviceStatus(): Locator {
    return this.view.getByRole('status', { name: 'Device status' });
  }
}
