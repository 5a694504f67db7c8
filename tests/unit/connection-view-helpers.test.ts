/** Pure helpers behind the status, CONNACK, subscription and form-section views. */
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../electron/contract';
import { connackFacts, connackReason } from '../../src/connections/connack-facts';
import { DEFAULT_FORM } from '../../src/connections/connect-form-values';
import { sectionSummary } from '../../src/connections/form/section-summaries';
import { optionMarks, subackWords, subscriptionIdProblem } from '../../src/subscriptions/subscription-words';

const options: Subscription['options'] = {
  qos: 1,
  noLocal: false,
  retainAsPublished: false,
  retainHandling: 0,
};

describe('connackFacts', () => {
  it('says which limits the broker stated and which are MQTT 5 defaults', () => {
    const facts = connackFacts(
      {
        sessionPresent: true,
        reasonCode: 0,
        reasonText: { key: 'reasonName.x00', params: {} },
        receiveMaximum: 20,
        topicAliasMaximum: 10,
      },
      '5.0',
    );
    const byLabel = Object.fromEntries(facts.map((f) => [f.label, f]));
    expect(byLabel['Reason']?.value).toBe('Success (0x00)');
    expect(byLabel['Session present']?.value).toBe('yes');
    expect(byLabel['Receive maximum']).toEqual({ label: 'Receive maximum', value: '20' });
    expect(byLabel['Maximum QoS']).toEqual({ label: 'Maximum QoS', value: '2 (default)', implied: true });
    expect(byLabel['Maximum packet size']?.value).toBe('no limit (default)');
  });

  it('shows only what MQTT 3 has', () => {
    const facts = connackFacts(
      { sessionPresent: false, reasonCode: 0, reasonText: { key: 'reasonName.x00', params: {} } },
      '3.1.1',
    );
    expect(facts.map((f) => f.label)).toEqual(['Reason', 'Session present']);
  });

  it('words the reason name from the engine key and adds its code', () => {
    expect(
      connackReason({
        sessionPresent: false,
        reasonCode: 0x86,
        reasonText: { key: 'reasonName.x86', params: {} },
      }),
    ).toBe('Bad user name or password (0x86)');
  });
});

describe('subscription words', () => {
  const sub = (s: Partial<Subscription>): Subscription => ({
    filter: 'a/#',
    options,
    state: 'active',
    grantedQos: 1,
    reasonCode: 1,
    reasonText: { key: 'suback.granted', params: { qos: 1 } },
    ...s,
  });

  it('never calls a refusal granted', () => {
    const refused = sub({
      state: 'refused',
      grantedQos: null,
      reasonCode: 0x87,
      reasonText: { key: 'suback.refused', params: { nameKey: 'reasonName.x87', hex: '0x87' } },
    });
    expect(subackWords(refused)).toBe('Refused: Not authorized (0x87)');
  });

  it('says when the broker granted less than asked, and when it has not answered', () => {
    expect(subackWords(sub({ grantedQos: 0 }))).toBe('QoS 0 (asked 1)');
    expect(subackWords(sub({}))).toBe('QoS 1');
    expect(subackWords(sub({ state: 'pending', grantedQos: null }))).toBe('Waiting for SUBACK…');
  });

  it('marks MQTT 5 options', () => {
    expect(optionMarks({ ...options, noLocal: true, retainHandling: 2, subscriptionIdentifier: 7 })).toEqual([
      'No Local',
      'RH 2',
      'id 7',
    ]);
    expect(optionMarks(options)).toEqual([]);
  });

  it('checks the subscription identifier range', () => {
    expect(subscriptionIdProblem('')).toBeNull();
    expect(subscriptionIdProblem('268435455')).toBeNull();
    expect(subscriptionIdProblem('0')).toMatch(/1 to 268435455/);
    expect(subscriptionIdProblem('268435456')).toMatch(/1 to 268435455/);
  });
});

describe('sectionSummary', () => {
  it('says what a folded section holds', () => {
    expect(sectionSummary('tls', DEFAULT_FORM)).toBe('not used');
    expect(sectionSummary('tls', { ...DEFAULT_FORM, transport: 'mqtts', verifyServer: false })).toBe(
      'server NOT verified',
    );
    expect(sectionSummary('will', { ...DEFAULT_FORM, willTopic: 'dev/1/status' })).toBe('dev/1/status');
    expect(sectionSummary('advanced', DEFAULT_FORM)).toBe('keepalive 60 s · clean · reconnect off');
    expect(sectionSummary('mqtt5', { ...DEFAULT_FORM, protocolVersion: '3.1.1' })).toBe('not used');
  });
});
