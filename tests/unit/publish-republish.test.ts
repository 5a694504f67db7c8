import { describe, expect, it } from 'vitest';
import { draftFromMessage, openInPublisher } from '../../src/publish/open-in-publisher';
import { draftStore } from '../../src/publish/draft-store';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('re-publishing a received message', () => {
  it('opens JSON as JSON, text as text, and other bytes as hex', () => {
    expect(draftFromMessage({ topic: 'a', payload: bytes('{"x":1}'), qos: 1, retain: true })).toMatchObject({
      topic: 'a',
      format: 'json',
      text: '{"x":1}',
      qos: 1,
      retain: true,
    });
    expect(draftFromMessage({ topic: 'a', payload: bytes('on'), qos: 0, retain: false })).toMatchObject({
      format: 'text',
      text: 'on',
    });
    expect(
      draftFromMessage({ topic: 'a', payload: Uint8Array.of(0xff, 0x00, 0x10), qos: 0, retain: false }),
    ).toMatchObject({ format: 'hex', text: 'ff 00 10' });
  });

  it('escapes {{ so received text goes back out unchanged', () => {
    expect(draftFromMessage({ topic: 'a', payload: bytes('hi {{name}}'), qos: 0, retain: false }).text).toBe(
      'hi \\{{name}}',
    );
  });

  it('copies properties, except the connection-bound topic alias', () => {
    const draft = draftFromMessage({
      topic: 'a',
      payload: bytes('x'),
      qos: 0,
      retain: false,
      properties: {
        contentType: 'text/plain',
        payloadFormatIndicator: true,
        messageExpiryInterval: 30,
        topicAlias: 4,
        responseTopic: 'r',
        correlationData: Uint8Array.of(1, 2),
        userProperties: [{ key: 'k', value: 'v' }],
      },
    });
    expect(draft.properties).toEqual({
      contentType: 'text/plain',
      payloadFormatIndicator: 'utf8',
      messageExpiryInterval: '30',
      topicAlias: '',
      responseTopic: 'r',
      correlationData: '01 02',
      correlationFormat: 'hex',
      userProperties: [{ key: 'k', value: 'v' }],
    });
  });

  it('fills the page publish form through openInPublisher', () => {
    openInPublisher({ topic: 'from/inspector', payload: bytes('[1]'), qos: 2, retain: false });
    expect(draftStore.getSnapshot()).toMatchObject({
      topic: 'from/inspector',
      format: 'json',
      text: '[1]',
      qos: 2,
    });
  });
});
