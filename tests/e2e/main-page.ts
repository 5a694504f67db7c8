import { expect, type Locator, type Page } from '@playwright/test';

export interface ConnectFields {
  host: string;
  port: number;
  transport?: 'mqtt' | 'ws';
  path?: string;
  clientId?: string;
  username?: string;
  password?: string;
}

/** The main screen, by role and label, as a user sees it. */
export class MainPage {
  readonly status: Locator;
  readonly messages: Locator;
  readonly publishResult: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status', { name: 'Connection status' });
    this.messages = page.getByLabel('Messages');
    this.publishResult = page.getByRole('status', { name: 'Publish result' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  /** The renderer sets this once its host answers: the one readiness signal to wait on. */
  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator('html[data-app-ready="true"]')).toBeAttached();
  }

  async connect(fields: ConnectFields): Promise<void> {
    const p = this.page;
    await p.getByLabel('Transport').selectOption(fields.transport ?? 'mqtt');
    await p.getByLabel('Host', { exact: true }).fill(fields.host);
    await p.getByLabel('Port', { exact: true }).fill(String(fields.port));
    if (fields.path !== undefined) await p.getByLabel('WebSocket path').fill(fields.path);
    if (fields.clientId !== undefined) await p.getByLabel('Client ID').fill(fields.clientId);
    await p.getByLabel('Username', { exact: true }).fill(fields.username ?? '');
    await p.getByLabel('Password', { exact: true }).fill(fields.password ?? '');
    await p.getByRole('button', { name: 'Connect' }).click();
  }

  async subscribe(filter: string): Promise<void> {
    await this.page.getByLabel('Topic filter').fill(filter);
    await this.page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(this.page.getByRole('list', { name: 'Subscriptions' }).getByText(filter)).toBeVisible();
  }

  async publish(topic: string, payload: string): Promise<void> {
    await this.page.getByLabel('Topic', { exact: true }).fill(topic);
    await this.page.getByLabel('Payload').fill(payload);
    await this.page.getByRole('button', { name: 'Publish' }).click();
  }

  message(topic: string, payload: string): Locator {
    return this.messages.getByRole('row').filter({ hasText: topic }).filter({ hasText: payload });
  }
}
