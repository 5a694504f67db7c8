import type { ISubscriptionGrant, MqttClient } from 'mqtt';
import type { Subscription, SubscriptionLabel } from '../contract';
import { hexCode, reasonNameKey } from './errors';
import { text } from './text/keys';

type Options = Subscription['options'];

function result(filter: string, options: Options, code: number, v5: boolean): Subscription {
  if (code === 0 || code === 1 || code === 2) {
    return {
      filter,
      options,
      state: 'active',
      grantedQos: code,
      reasonCode: code,
      reasonText: text('suback.granted', { qos: code }),
    };
  }
  // MQTT 3.1.1 has one failure code (0x80) without a name; MQTT 5 says why.
  const reasonText = v5
    ? text('suback.refused', { nameKey: reasonNameKey(code), hex: hexCode(code) })
    : text('suback.refusedV3', { hex: hexCode(code) });
  return { filter, options, state: 'refused', grantedQos: null, reasonCode: code, reasonText };
}

/** Only the label fields that are set (an empty alias is no alias). */
export function labelOf({ color, alias }: SubscriptionLabel): SubscriptionLabel {
  return { ...(color ? { color } : {}), ...(alias ? { alias } : {}) };
}

/**
 * The subscriptions of one connection, kept by the engine rather than by mqtt.js: so a
 * refused SUBACK is shown as refused, and after a reconnect without a session the engine
 * itself subscribes again.
 */
export class SubscriptionTable {
  private readonly entries = new Map<string, Subscription>();

  constructor(private readonly onChange: (subscriptions: Subscription[]) => void) {}

  list(): Subscription[] {
    return [...this.entries.values()];
  }

  async add(
    client: MqttClient,
    filter: string,
    options: Options,
    v5: boolean,
    label: SubscriptionLabel = {},
  ): Promise<Subscription> {
    const shown = labelOf(label);
    this.set({
      filter,
      options,
      ...shown,
      state: 'pending',
      grantedQos: null,
      reasonCode: null,
      reasonText: text('suback.waiting'),
    });
    try {
      return this.set({ ...(await this.send(client, filter, options, v5)), ...shown });
    } catch (error) {
      this.entries.delete(filter);
      this.onChange(this.list());
      throw error;
    }
  }

  async remove(client: MqttClient, filter: string): Promise<number | null> {
    const packet = await client.unsubscribeAsync(filter);
    this.entries.delete(filter);
    this.onChange(this.list());
    const codes = (packet as { reasonCode?: number | number[] } | undefined)?.reasonCode;
    return Array.isArray(codes) ? (codes[0] ?? null) : (codes ?? null);
  }

  /** After a reconnect the broker did not keep the session for: subscribe to everything again. */
  async restore(client: MqttClient, v5: boolean): Promise<void> {
    const wanted = this.list().filter((s) => s.state !== 'refused');
    await Promise.all(
      wanted.map(async (s) => {
        try {
          // The colour and alias stay with the subscription across the reconnect.
          this.set({ ...(await this.send(client, s.filter, s.options, v5)), ...labelOf(s) });
        } catch {
          this.set({ ...s, state: 'pending', reasonText: text('suback.notRestored') });
        }
      }),
    );
  }

  private async send(
    client: MqttClient,
    filter: string,
    options: Options,
    v5: boolean,
  ): Promise<Subscription> {
    const request = v5
      ? {
          qos: options.qos,
          nl: options.noLocal,
          rap: options.retainAsPublished,
          rh: options.retainHandling,
          ...(options.subscriptionIdentifier !== undefined && {
            properties: { subscriptionIdentifier: options.subscriptionIdentifier },
          }),
        }
      : { qos: options.qos };
    const grants: ISubscriptionGrant[] = await client.subscribeAsync(filter, request);
    // mqtt.js puts the SUBACK code (granted QoS or failure reason) in `qos`.
    const code: number = grants[0]?.qos ?? 0x80;
    return result(filter, options, code, v5);
  }

  private set(entry: Subscription): Subscription {
    this.entries.set(entry.filter, entry);
    this.onChange(this.list());
    return entry;
  }
}
