import { expect, type Locator, type Page } from '@playwright/test';
import type { MosquittoBroker } from '../support/mosquitto';

export interface ConnectFields {
  host: string;
  port: number;
  transport?: 'mqtt' | 'mqtts' | 'ws' | 'wss';
  protocol?: '5.0' | '3.1.1' | '3.1';
  path?: string;
  clientId?: string;
  username?: string;
  password?: string;
}

/**
 * Shows an activity of the workbench in the side area (by its tab's name in the page's
 * language), leaving it open when it already is: a click on the shown one collapses it.
 */
export async function showActivity(page: Page, name: string): Promise<void> {
  const tab = page
    .getByRole('tablist', { name: /Activities|活动栏/ })
    .getByRole('tab', { name, exact: true });
  const shown =
    (await tab.getAttribute('aria-selected')) === 'true' &&
    (await tab.getAttribute('aria-expanded')) !== 'false';
  if (!shown) await tab.click();
  await expect(tab).toHaveAttribute('aria-expanded', 'true');
}

/** The main screen, by role and label, as a user sees it. */
export class MainPage {
  readonly status: Locator;
  readonly messages: Locator;
  readonly publishResult: Locator;
  readonly connack: Locator;
  readonly subscriptions: Locator;
  readonly outgoingQueue: Locator;
  readonly openConnections: Locator;
  readonly topics: Locator;
  readonly messageCounts: Locator;
  readonly detail: Locator;
  readonly filterText: Locator;
  readonly filterKind: Locator;
  readonly filterExclude: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status', { name: 'Connection status' });
    this.messages = page.getByLabel('Messages', { exact: true });
    this.publishResult = page.getByRole('status', { name: 'Publish result' });
    this.connack = page.getByRole('region', { name: 'CONNACK' });
    this.subscriptions = page.getByRole('list', { name: 'Subscriptions' });
    this.outgoingQueue = page.getByRole('status', { name: 'Outgoing queue' });
    this.openConnections = page.getByRole('list', { name: 'Open connections' });
    this.topics = page.getByRole('tree', { name: 'Topics' });
    this.messageCounts = page.getByRole('status', { name: 'Message counts' });
    this.detail = page.getByRole('region', { name: 'Message detail' });
    const filter = page.getByRole('search', { name: 'Filter the tree and the list' });
    this.filterText = filter.getByRole('searchbox');
    this.filterKind = filter.getByLabel('Filter kind');
    this.filterExclude = filter.getByLabel('Exclude');
  }

  /** Opens a folded section of the connection form (TLS, Last will, Advanced, MQTT 5). */
  async openSection(title: 'TLS' | 'Last will' | 'Advanced' | 'MQTT 5'): Promise<void> {
    const toggle = this.page.getByRole('button', { name: title, exact: true });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** One CONNACK row's value, by its label ("Session present", "Receive maximum"). */
  connackValue(label: string): Locator {
    return this.connack
      .locator('div')
      .filter({ has: this.page.getByRole('term').getByText(label, { exact: true }) })
      .getByRole('definition');
  }

  /** A subscription chip, by its filter (shown, or in the title when an alias is shown instead). */
  subscription(filter: string): Locator {
    const chips = this.subscriptions.getByRole('listitem');
    return chips.filter({ hasText: filter }).or(chips.and(this.page.getByTitle(`${filter}: `)));
  }

  /** A topic level in the tree, by its full topic (the name shows the last level, the title all). */
  topic(path: string): Locator {
    return this.topics.getByRole('treeitem').filter({ has: this.page.getByTitle(path, { exact: true }) });
  }

  /** Shows an activity of the workbench in the side area (see showActivity below). */
  async showActivity(name: string): Promise<void> {
    await showActivity(this.page, name);
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
    if (fields.protocol) await p.getByLabel('Protocol', { exact: true }).selectOption(fields.protocol);
    await p.getByLabel('Host', { exact: true }).fill(fields.host);
    await p.getByLabel('Port', { exact: true }).fill(String(fields.port));
    if (fields.path !== undefined) await p.getByLabel('WebSocket path').fill(fields.path);
    if (fields.clientId !== undefined) await p.getByLabel('Client ID').fill(fields.clientId);
    await p.getByLabel('Username', { exact: true }).fill(fields.username ?? '');
    await p.getByLabel('Password', { exact: true }).fill(fields.password ?? '');
    // exact: "Disconnect" and "Connected" contain the word too.
    await p.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  /** Connects to the harness broker over TCP with its credentials, and waits for Connected. */
  async connectTo(broker: MosquittoBroker, extra: Partial<ConnectFields> = {}): Promise<void> {
    await this.connect({
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
      ...extra,
    });
    await expect(this.status).toContainText('Connected');
  }

  async subscribe(filter: string): Promise<void> {
    await this.page.getByLabel('Topic filter').fill(filter);
    await this.page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(this.page.getByRole('list', { name: 'Subscriptions' }).getByText(filter)).toBeVisible();
    // The chip appears while the SUBSCRIBE is in flight: only the SUBACK means the broker has it.
    await expect(this.subscription(filter)).not.toContainText('Waiting for SUBACK');
  }

  /** Publishes as JSON when the payload parses, as text otherwise (so any text goes out). */
  async publish(topic: string, payload: string): Promise<void> {
    await this.page.getByLabel('Topic', { exact: true }).fill(topic);
    await this.payloadFormat.selectOption(isJson(payload) ? 'json' : 'text');
    await this.fillPayload(payload);
    await this.page.getByRole('button', { name: 'Publish', exact: true }).click();
  }

  /** The publish panel, for controls whose names other panels share (QoS). */
  get publishPanel(): Locator {
    return this.page.getByRole('region', { name: 'Publish', exact: true });
  }

  /** The payload format of the publish panel (JSON, Text, Hex, Base64, File). */
  get payloadFormat(): Locator {
    return this.publishPanel.getByLabel('Format', { exact: true });
  }

  /** The Monaco payload editor's input (its hidden textarea, named "Payload"). */
  get payloadEditor(): Locator {
    return this.page.getByRole('textbox', { name: 'Payload', exact: true });
  }

  /**
   * Replaces the editor's text with a paste: typing would get Monaco's auto-closed brackets
   * and auto-indent, a paste arrives exactly as given (as when a user pastes a payload).
   */
  async fillPayload(text: string): Promise<void> {
    await this.payloadEditor.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    // Runs in the page; this file is type-checked without the DOM library, hence the casts.
    await this.payloadEditor.evaluate((element, pasted) => {
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
    await expect.poll(() => this.payloadText()).toBe(text);
  }

  /** The editor's visible text, line by line in screen order. */
  async payloadText(): Promise<string> {
    return this.page.getByTestId('payload-editor').evaluate((element) => {
      const top = (line: { getAttribute(name: string): string | null }) =>
        parseFloat(line.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0');
      const lines = [...element.querySelectorAll('.view-line')]
        .sort((a, b) => top(a) - top(b))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '));
      return lines.join('\n');
    });
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

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
