import type { Packet } from 'mqtt';
import type { EngineText, TextParams } from '../../contract';
import { text, type FixedKey } from '../text/keys';

/**
 * What was wrong with the broker's bytes, and where the spec says so. Each case carries the
 * section for both protocol lines, since a 3.1.1 user should not be sent to MQTT 5's text.
 */
export type ViolationKind = 'malformed' | 'protocol' | 'too-large' | 'not-mqtt';

export interface WireViolation {
  kind: ViolationKind;
  /** What the broker sent, as a noun phrase ("a PUBLISH with QoS 3"): a `violation.what.…` key. */
  what: EngineText;
  /** Section in MQTT 3.1.1, then in MQTT 5. */
  v3: string;
  v5: string;
}

/** The MQTT 5 DISCONNECT reason a client sends for each kind (MQTT 5 §4.13). */
export function disconnectReasonFor(kind: ViolationKind): number | null {
  switch (kind) {
    case 'malformed':
      return 0x81;
    case 'protocol':
      return 0x82;
    case 'too-large':
      return 0x95;
    case 'not-mqtt':
      // The peer is not speaking MQTT: a DISCONNECT would be more noise it cannot read.
      return null;
  }
}

type WhatKey = FixedKey extends infer K ? (K extends `violation.what.${infer W}` ? W : never) : never;

/** What the broker sent, as a key of its own (its parameters must not be named `section` or `hex`). */
export const say = (what: WhatKey, params: TextParams = {}): EngineText =>
  text(`violation.what.${what}`, params);

export const malformed = (what: EngineText, v3: string, v5: string): WireViolation => ({
  kind: 'malformed',
  what,
  v3,
  v5,
});

export const protocolError = (what: EngineText, v3: string, v5: string): WireViolation => ({
  kind: 'protocol',
  what,
  v3,
  v5,
});

/**
 * MQTT 5 only: an empty topic name is allowed when a Topic Alias stands for it. The frame
 * guard does not read properties, so this is checked on the decoded packet.
 */
export function emptyTopicViolation(packet: Packet): WireViolation | null {
  if (packet.cmd !== 'publish' || packet.topic !== '' || packet.properties?.topicAlias !== undefined)
    return null;
  return protocolError(say('emptyTopicNoAlias'), '§4.7.3', '§3.3.2.1');
}
