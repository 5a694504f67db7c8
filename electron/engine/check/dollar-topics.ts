/** `$` topics: not matched by filters that start with a wildcard. */
import { text } from '../text/keys';
import type { CheckDef } from './check-def';
import { conforms, CouldNotRun, differs, type CheckContext, type Outcome } from './context';
import { fence } from './helpers';
import { Probe, describeCode } from './probe';

function unfenced(): never {
  throw new CouldNotRun('The fence message never arrived, so absence could not be shown.');
}

/** How long to wait for the broker's own `$SYS` topics, when ours are refused. */
const SYS_WAIT_MS = 2000;

function verdict(leaks: string[], whose: 'own' | 'sys', topic: string): Outcome {
  return leaks.length
    ? differs(text(`check.dollarTopics.${whose}Leaked`, { topic, subs: leaks.join(', ') }))
    : conforms(text(`check.dollarTopics.${whose}Kept`, { topic }));
}

/** With a `$` topic of our own: publish there, with exact, `+/…` and `#` subscribers. */
async function ownTopic(ctx: CheckContext): Promise<Outcome | { refused: string }> {
  const dollarTopic = `$${ctx.topic('d')}`;
  const [pub, exact, plus, hash] = await Promise.all([
    Probe.open(ctx, { label: 'publisher' }),
    Probe.open(ctx, { label: 'sub-exact' }),
    Probe.open(ctx, { label: 'sub-plus' }),
    Probe.open(ctx, { label: 'sub-hash' }),
  ]);
  await exact.subscribe(dollarTopic, { qos: 1 });
  // "+/<run>/<check>/d" matches "$mqscope-check/<run>/<check>/d" only if $ is not special.
  await plus.subscribe(`+/${dollarTopic.split('/').slice(1).join('/')}`, { qos: 1 });
  // "#" sees all traffic on the broker; only the $ topic is looked at, for the fence's short time.
  await hash.subscribe('#', { qos: 0 });
  const code = await pub.publish(dollarTopic, 'dollar', { qos: 1 });
  await hash.unsubscribe('#').catch(() => undefined);
  if (code >= 0x80)
    return { refused: `The broker refused a PUBLISH to ${dollarTopic}: ${describeCode(code)}` };
  const [control] = await exact.receive(dollarTopic);
  if (!control)
    throw new CouldNotRun(
      `The broker accepted ${dollarTopic} but delivered it to no exact subscription either.`,
    );
  if (!(await fence(ctx, pub, plus, 'fence-plus'))) unfenced();
  const leaks = [plus.on(dollarTopic).length ? '+/…' : '', hash.on(dollarTopic).length ? '#' : ''].filter(
    Boolean,
  );
  return verdict(leaks, 'own', dollarTopic);
}

/**
 * Without one (an ACL refused it): the broker's own retained `$SYS` topics. A fresh
 * subscription to `+/<rest of a $SYS topic>` and to `#` would get that retained message on
 * subscribe if `$` were not special.
 */
async function sysTopics(ctx: CheckContext, refused: string): Promise<Outcome> {
  const sys = await Probe.open(ctx, { label: 'sys-sub' });
  await sys.subscribe('$SYS/#', { qos: 0 });
  await sys.until(() => sys.messages.some((m) => m.packet.retain), SYS_WAIT_MS);
  const retained = sys.messages.find((m) => m.packet.retain);
  if (!retained) throw new CouldNotRun(`${refused}, and it shows no retained $SYS topics to test with.`);
  const topic = retained.topic;
  const wild = await Probe.open(ctx, { label: 'sub-wild' });
  await wild.subscribe([`+/${topic.split('/').slice(1).join('/')}`, '#'], { qos: 0 });
  if (!(await fence(ctx, wild, wild))) unfenced();
  await wild.unsubscribe('#').catch(() => undefined);
  const leaked = wild.messages.filter((m) => m.topic.startsWith('$')).map((m) => m.topic);
  return verdict(leaked.length ? [`(${[...new Set(leaked)].slice(0, 3).join(', ')})`] : [], 'sys', topic);
}

export const dollarTopicChecks: CheckDef[] = [
  {
    id: 'dollar-topics.not-matched-by-wildcards',
    group: 'dollar-topics',
    specRef: 'MQTT 5 §4.7.2; MQTT 3.1.1 §4.7.2',
    statement: 'Topic filters starting with a wildcard (# or +) do not match topic names starting with $.',
    async run(ctx) {
      const own = await ownTopic(ctx);
      return 'refused' in own ? sysTopics(ctx, own.refused) : own;
    },
  },
];
