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
  readonly topics: Locator;
  readonly messageCounts: Locator;
  readonly detail: Locator;
  readonly filterText: Locator;
  readonly filterKind: Locator;
  readonly filterExclude: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status', { name: 'Connection status' });
    this.messages = page.getByLabel('Messages');
    this.publishResult = page.getByRole('status', { name: 'Publish result' });
    this.topics = page.getByRole('tree', { name: 'Topics' });
    this.messageCounts = page.getByRole('status', { name: 'Message counts' });
    this.detail = page.getByRole('region', { name: 'Message detail' });
    const filter = page.getByRole('search', { name: 'Filter the tree and the list' });
    this.filterText = filter.getByRole('searchbox');
    this.filterKind = filter.getByLabel('Filter kind');
    this.filterExclude = filter.getByLabel('Exclude');
  }

  /** A topic level in the tree, by its full topic (the name shows the last level, the title all). */
  topic(path: string): Locator {
    return this.topics.getByRole('treeitem').filter({ has: this.page.getByTitle(path, { exact: true }) });
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
    await p.getByLabel('Username').fill(fields.username ?? '');
    await p.getByLabel('Password').fill(fields.password ?? '');
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

  /** Connects to the harness broker and subscribes to `filter`. */
  async connectAndSubscribe(
    broker: { host: string; ports: { mqtt: number }; username: string; password: string },
    filter: string,
  ) {
    await this.connect({
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    await expect(this.status).toContainText('Connected');
    await this.subscribe(filter);
  }

  detailTab(name: string): Locator {
    return this.detail.getByRole('tab', { name, exact: true });
  }

  message(topic: string, payload: string): Locator {
    return this.messages.getByRole('row').filter({ hasText: topic }).filter({ hasText: payload });
  }
}
