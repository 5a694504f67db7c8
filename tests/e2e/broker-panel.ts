import { expect, type Locator, type Page } from '@playwright/test';
import { showActivity } from './main-page';

/** The Local broker view of the workbench, by role and label; each step shows the view first. */
export class BrokerPanel {
  readonly state: Locator;
  readonly clients: Locator;
  readonly retained: Locator;
  readonly problem: Locator;
  /** Which broker runs: Mosquitto is the form's default where installed, so tests say which. */
  readonly engine: Locator;

  constructor(readonly page: Page) {
    this.state = page.getByRole('status', { name: 'Local broker status' });
    this.clients = page.getByRole('list', { name: 'Connected clients' });
    this.retained = page.getByRole('list', { name: 'Retained messages' });
    this.problem = page.getByRole('form', { name: 'Start the local broker' }).getByRole('alert');
    this.engine = page.getByRole('combobox', { name: 'Broker', exact: true });
  }

  async show(): Promise<void> {
    await showActivity(this.page, 'Local broker');
  }

  async start(
    ports: { tcpPort: number; wsPort: number },
    engine: 'built-in' | 'mosquitto' = 'built-in',
  ): Promise<void> {
    await this.show();
    await this.engine.selectOption(engine);
    await this.page.getByLabel('TCP port').fill(String(ports.tcpPort));
    await this.page.getByLabel('WebSocket port').fill(String(ports.wsPort));
    await this.page.getByRole('button', { name: 'Start broker' }).click();
  }

  async expectRunningOn(tcpPort: number): Promise<void> {
    await this.show();
    await expect(this.state).toHaveText(`Running on ${tcpPort}`);
  }

  async connectToIt(): Promise<void> {
    await this.show();
    await this.page.getByRole('button', { name: 'Connect to local broker' }).click();
  }

  async stop(): Promise<void> {
    await this.show();
    await this.page.getByRole('button', { name: 'Stop broker' }).click();
  }
}
