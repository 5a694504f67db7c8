import { i18n } from '../i18n';
import { engineText } from '../i18n/engine-text';
import type { Subscription } from '../../electron/contract';

/** Short marks for the MQTT 5 options a subscription uses, for its chip. */
export function optionMarks(options: Subscription['options']): string[] {
  const marks: string[] = [];
  if (options.noLocal) marks.push('No Local');
  if (options.retainAsPublished) marks.push('RAP');
  if (options.retainHandling !== 0) marks.push(`RH ${options.retainHandling}`);
  if (options.subscriptionIdentifier !== undefined) marks.push(`id ${options.subscriptionIdentifier}`);
  return marks;
}

/** What the chip says about the SUBACK: never "granted" for a refusal. */
export function subackWords(s: Subscription): string {
  if (s.state === 'pending') return i18n.t('subscriptions.waiting');
  if (s.state === 'refused') return engineText(s.reasonText);
  const asked = s.options.qos;
  return s.grantedQos !== null && s.grantedQos < asked
    ? i18n.t('subscriptions.grantedLower', { granted: s.grantedQos, asked })
    : `QoS ${s.grantedQos}`;
}

/** The subscription identifier as typed: empty is none, else 1 to 268435455. */
export function subscriptionIdProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 268_435_455) {
    return i18n.t('subscriptions.idProblem');
  }
  return null;
}
