import { expect, type Locator, type Page } from '@playwright/test';

export interface ProfileFields {
  name: string;
  folder?: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
  willTopic?: string;
  willPayload?: string;
  keepalive?: string;
}

/** The saved profiles above the connection form, and the form as their editor. */
export class ProfilesPanel {
  readonly region: Locator;
  readonly actions: Locator;
  readonly undoToast: Locator;
  readonly loadBanner: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: /^Profiles/ });
    this.actions = page.getByRole('toolbar', { name: /^Actions for / });
    this.undoToast = page.getByRole('status', { name: 'Deleted profile' });
    this.loadBanner = page.getByRole('alert', { name: 'Profiles file problem' });
  }

  /** A profile's row (its select button and its Connect), by exact name. */
  row(name: string): Locator {
    return this.region
      .getByRole('listitem')
      .filter({ has: this.page.locator('.profile-name', { hasText: new RegExp(`^${escape(name)}$`) }) });
  }

  async select(name: string): Promise<void> {
    await this.row(name).locator('.sidebar-item').click();
  }

  async connectFrom(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Connect to ${name}` })
      .click();
  }

  /** Fills the form (as a new profile) and saves it. */
  async create(fields: ProfileFields): Promise<void> {
    const p = this.page;
    await this.region.getByRole('button', { name: 'New profile' }).click();
    await p.getByLabel('Profile name').fill(fields.name);
    if (fields.folder !== undefined) await p.getByLabel('Folder', { exact: true }).fill(fields.folder);
    await p.getByLabel('Host', { exact: true }).fill(fields.host);
    await p.getByLabel('Port', { exact: true }).fill(String(fields.port));
    await p.getByLabel('Username', { exact: true }).fill(fields.username ?? '');
    await p.getByLabel('Password', { exact: true }).fill(fields.password ?? '');
    if (fields.willTopic !== undefined) {
      await openSection(p, 'Last will');
      await p.getByLabel('Will topic').fill(fields.willTopic);
      await p.getByLabel('Will payload').fill(fields.willPayload ?? '');
    }
    if (fields.keepalive !== undefined) {
      await openSection(p, 'Advanced');
      await p.getByLabel('Keepalive (s)').fill(fields.keepalive);
    }
    await this.save();
    await expect(this.row(fields.name)).toBeVisible();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.page.getByText('Editing a saved profile')).toBeVisible();
    await expect(this.page.getByText('· unsaved changes')).toBeHidden();
  }
}

async function openSection(page: Page, title: string): Promise<void> {
  const toggle = page.getByRole('button', { name: title, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
