/**
 * MQTTX's saved subscriptions → the profile's. Fields from emqx/MQTTX
 * src/database/models/SubscriptionEntity.ts and src/types/global.d.ts (SubscriptionModel):
 * topic, qos, disabled, alias, color, nl, rap, rh, subscriptionIdentifier (MQTT 5), plus
 * userProperties (entity only), retain (unused by MQTTX's form) and bookkeeping.
 */
import { ProfileSubscriptionSchema, type ParsedProfileSubscription } from '../../contract';
import { issueNote, note, type Note } from './fit-options';
import { bool, compact, holdsSomething, isObj, num, str, type Obj } from './mqttx-values';

const SUBSCRIPTION_FIELDS = new Set([
  'topic',
  'qos',
  'disabled',
  'alias',
  'color',
  'nl',
  'rap',
  'rh',
  'subscriptionIdentifier',
  'userProperties',
  // Bookkeeping, and `retain`, which MQTTX's subscription form never uses.
  'id',
  'createAt',
  'connectionId',
  'connection',
  'retain',
]);

export function mapSubscriptions(c: Obj, notes: Note[]): ParsedProfileSubscription[] {
  const list = Array.isArray(c['subscriptions']) ? c['subscriptions'] : [];
  const out: ParsedProfileSubscription[] = [];
  const paused: string[] = [];
  list.forEach((s, index) => {
    const topic = isObj(s) ? str(s['topic']) : undefined;
    if (!isObj(s) || topic === undefined) {
      notes.push({ field: `subscriptions[${index}]`, text: note('subscriptionNoTopic') });
      return;
    }
    const color = str(s['color']);
    const alias = str(s['alias']);
    const rh = num(s['rh']);
    const candidate = {
      filter: topic,
      options: compact({
        qos: num(s['qos']) ?? 0,
        noLocal: bool(s['nl']),
        retainAsPublished: bool(s['rap']),
        retainHandling: rh,
        subscriptionIdentifier: num(s['subscriptionIdentifier']),
      }),
      ...(alias !== undefined ? { alias } : {}),
      ...(color !== undefined ? { color } : {}),
    };
    let parsed = ProfileSubscriptionSchema.safeParse(candidate);
    if (!parsed.success && color !== undefined) {
      const { color: _dropped, ...rest } = candidate;
      parsed = ProfileSubscriptionSchema.safeParse(rest);
      if (parsed.success)
        notes.push({
          field: `subscriptions[${index}].color`,
          text: note('badColour', { color }),
        });
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      notes.push({
        field: `subscriptions[${index}]`,
        text: issueNote(issue, 'badSubscription', { topic, path: issue?.path.join('.') ?? '' }),
      });
      return;
    }
    out.push(parsed.data);
    if (bool(s['disabled'])) paused.push(topic);
    if (holdsSomething(s['userProperties']))
      notes.push({
        field: `subscriptions[${index}].userProperties`,
        text: note('subscribeUserProperties', { topic }),
      });
    for (const name of Object.keys(s))
      if (!SUBSCRIPTION_FIELDS.has(name) && holdsSomething(s[name]))
        notes.push({
          field: `subscriptions[${index}].${name}`,
          text: note('unknownSubscription'),
        });
  });
  if (paused.length)
    notes.push({
      field: 'subscriptions',
      text: note('paused', { topics: paused.join(', ') }),
    });
  return out;
}
