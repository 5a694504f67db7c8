import type {
  ConnectionStatus,
  ParsedProfileSubscription,
  ParsedRequestInput,
  Subscription,
  SubscriptionLabel,
} from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import type { ProfileStore } from '../profiles/store';
import { EngineError } from '../errors';
import { labelOf } from '../subscription-table';
import { withEdits } from './edited-options';
import { removeSubscription, upsertSubscription } from './profile-subscriptions';
import { text } from '../text/keys';

type SubscribeOptions = Subscription['options'];
type ProfileSubscriptions = readonly ParsedProfileSubscription[];

/**
 * Connections opened from a profile, tied to it: they subscribe to the profile's
 * subscriptions once connected, and what the user subscribes or unsubscribes on them is
 * kept in the profile at once (MQTTX-style, apart from the form's unsaved edits). The
 * engine's subscription table restores them after a reconnect without a session.
 */
export class ProfileLinks {
  /** connection id → profile id */
  private readonly links = new Map<string, string>();
  /** Connections whose first attempt failed: they subscribe when a retry connects. */
  private readonly waiting = new Map<string, ProfileSubscriptions>();

  constructor(
    private readonly manager: ConnectionManager,
    private readonly store: ProfileStore | null,
  ) {
    manager.onEvent((event) => {
      if (event.name !== 'connection.status') return;
      const { connectionId, state } = event.payload;
      if (state === 'connected') {
        const pending = this.waiting.get(connectionId);
        this.waiting.delete(connectionId);
        if (pending) void this.subscribeAll(connectionId, pending);
      } else if (state === 'disconnected' || state === 'failed') {
        this.waiting.delete(connectionId);
        this.links.delete(connectionId);
      }
    });
  }

  async connect({
    id,
    clientId,
    options,
    secrets,
  }: ParsedRequestInput<'profiles.connect'>): Promise<ConnectionStatus> {
    const { store } = this;
    if (!store) throw new EngineError('internal', text('noData.profiles'));
    const profile = await store.get(id);
    const stored = await store.connectOptions(id);
    const edited = options ? withEdits(stored, options, secrets) : stored;
    const status = await this.manager.open(clientId === undefined ? edited : { ...edited, clientId }, id);
    const subscriptions = profile.subscriptions ?? [];
    if (status.state === 'failed') return status;
    this.links.set(status.connectionId, id);
    if (status.state !== 'connected') {
      this.waiting.set(status.connectionId, subscriptions);
      return status;
    }
    await this.subscribeAll(status.connectionId, subscriptions);
    return this.manager.get(status.connectionId).status;
  }

  async subscribe(
    connectionId: string,
    filter: string,
    options: SubscribeOptions,
    label: SubscriptionLabel,
  ): Promise<Subscription> {
    const result = await this.manager.get(connectionId).subscribe(filter, options, label);
    await this.keep(connectionId, (list) =>
      upsertSubscription(list, { filter, options: result.options, ...labelOf(label) }),
    );
    return result;
  }

  async unsubscribe(connectionId: string, filter: string): Promise<number | null> {
    const reasonCode = await this.manager.get(connectionId).unsubscribe(filter);
    await this.keep(connectionId, (list) => removeSubscription(list, filter));
    return reasonCode;
  }

  private async subscribeAll(connectionId: string, subscriptions: ProfileSubscriptions): Promise<void> {
    // One failing (the connection dropped meanwhile) must not stop the others; the
    // profile keeps them all either way.
    await Promise.allSettled(
      subscriptions.map(({ filter, options, ...label }) =>
        this.manager.get(connectionId).subscribe(filter, options, label),
      ),
    );
  }

  private async keep(
    connectionId: string,
    change: (list: ProfileSubscriptions) => ParsedProfileSubscription[],
  ): Promise<void> {
    const profileId = this.links.get(connectionId);
    if (!this.store || profileId === undefined) return;
    try {
      await this.store.updateSubscriptions(profileId, change);
    } catch (error) {
      // The profile was deleted meanwhile: the connection simply stops being tied to it.
      if (error instanceof EngineError && error.code === 'not-found') this.links.delete(connectionId);
      else
        throw new EngineError(
          'internal',
          text('profiles.keptChangeFailed', { detail: (error as Error).message }),
        );
    }
  }
}
