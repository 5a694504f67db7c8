import { describe, expect, it } from 'vitest';
import { encodePayload, type TemplateContext } from '../../electron/contract';
import { buildProperties, buildPublish } from '../../src/publish/build-publish';
import {
  bytesToBase64,
  bytesToHex,
  emptyDraft,
  emptyProperties,
  toPublishDraft,
} from '../../src/publish/draft';
import { formatJson, minifyJson } from '../../src/publish/json-text';
import { english } from '../../electron/engine/text/english';

const templates: TemplateContext = {
  now: 0,
  counter: 1,
  clientId: 'me',
  uuid: () => 'u',
  random: () => 0,
};

function encoded(format: 'hex' | 'base64', text: string): number[] | string {
  const result = encodePayload({ format, text });
  return result.ok ? [...result.bytes] : english(result.problem);
}

describe('hex and base64', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);

  it('round-trips every byte value through hex and base64', () => {
    expect(encoded('hex', bytesToHex(all))).toEqual([...all]);
    expect(encoded('base64', bytesToBase64(all))).toEqual([...all]);
  });

  it('accepts spaces, newlines and either case in hex', () => {
    expect(encoded('hex', 'DE ad\nbe\tEF')).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(encoded('hex', '')).toEqual([]);
  });

  it('says where hex goes wrong', () => {
    expect(encoded('hex', 'de ad zz')).toBe('"z" at position 7 is not a hex digit (0-9, a-f).');
    expect(encoded('hex', 'abc')).toContain('two digits per byte');
  });

  it('says where base64 goes wrong', () => {
    expect(encoded('base64', 'aGVsbG8=')).toEqual([...new TextEncoder().encode('hello')]);
    expect(encoded('base64', 'aGV*bG8=')).toBe('"*" at position 4 is not valid base64.');
    expect(encoded('base64', 'aGVsbG8')).toContain('groups of four');
    expect(encoded('base64', 'aG==aGVs')).toContain('position 5');
  });
});

describe('format and minify keep every token as written', () => {
  const source = '{"big": 12345678901234567890, "price": 2.50, "s": "a , b : { }", "e": [], "o": {}}';

  it('minifies without touching numbers or strings', () => {
    expect(minifyJson(source)).toBe(
      '{"big":12345678901234567890,"price":2.50,"s":"a , b : { }","e":[],"o":{}}',
    );
  });

  it('formats with two-space indent, and formatting is stable', () => {
    const pretty = formatJson(source);
    expect(pretty).toBe(
      '{\n  "big": 12345678901234567890,\n  "price": 2.50,\n  "s": "a , b : { }",\n  "e": [],\n  "o": {}\n}',
    );
    expect(formatJson(minifyJson(pretty))).toBe(pretty);
  });

  it('keeps escaped quotes inside strings', () => {
    expect(minifyJson('{ "q" : "say \\"hi\\" " }')).toBe('{"q":"say \\"hi\\" "}');
  });
});

describe('buildPublish', () => {
  const draft = (over: Partial<ReturnType<typeof emptyDraft>>) => ({
    ...emptyDraft(),
    topic: 't/1',
    ...over,
  });

  it('refuses invalid JSON in JSON mode and sends anything in text mode', () => {
    const bad = buildPublish(draft({ format: 'json', text: '{"a":' }), { v5: true, templates });
    expect(bad).toMatchObject({ ok: false, field: 'payload' });
    if (!bad.ok) expect(bad.message).toContain('not valid JSON');
    expect(buildPublish(draft({ format: 'text', text: '{"a":' }), { v5: true, templates })).toMatchObject({
      ok: true,
    });
  });

  it('checks the topic first, as the engine does', () => {
    expect(buildPublish(draft({ topic: 'a/+' }), { v5: true, templates })).toMatchObject({
      ok: false,
      field: 'topic',
    });
  });

  it('expands templates before checking JSON, and says so when the result is invalid', () => {
    const ok = buildPublish(draft({ text: '{"n": {{counter}}}' }), { v5: true, templates });
    expect(ok).toMatchObject({ ok: true, expanded: true });
    if (ok.ok) expect(new TextDecoder().decode(ok.bytes)).toBe('{"n": 1}');
    const bad = buildPublish(draft({ text: '{"id": {{uuid}}}' }), { v5: true, templates });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('after expanding') });
  });

  it('sends a picked file as bytes, and asks for one when none is picked', () => {
    const bytes = Uint8Array.of(0, 1, 255);
    const built = buildPublish(draft({ format: 'file', file: { name: 'f.bin', bytes } }), {
      v5: true,
      templates,
    });
    expect(built).toMatchObject({ ok: true, message: { payload: { format: 'bytes', bytes } } });
    expect(buildPublish(draft({ format: 'file' }), { v5: true, templates })).toMatchObject({ ok: false });
  });

  it('leaves properties out on MQTT 3.1.1', () => {
    const properties = { ...emptyProperties(), contentType: 'application/json' };
    const built = buildPublish(draft({ text: '{}', properties }), { v5: false, templates });
    expect(built.ok && built.message.properties).toBe(undefined);
  });

  it('saves a picked file in a preset as base64', () => {
    const file = { name: 'f.bin', bytes: Uint8Array.of(104, 105) };
    expect(toPublishDraft(draft({ format: 'file', file }))).toMatchObject({ format: 'base64', text: 'aGk=' });
  });
});

describe('MQTT 5 properties from the form', () => {
  it('turns filled fields into properties and leaves empty ones out', () => {
    const result = buildProperties({
      ...emptyProperties(),
      contentType: 'application/json',
      payloadFormatIndicator: 'utf8',
      messageExpiryInterval: '60',
      topicAlias: '3',
      responseTopic: 'replies/me',
      correlationData: '0a ff',
      correlationFormat: 'hex',
      userProperties: [
        { key: 'a', value: '1' },
        { key: '', value: '' },
        { key: 'a', value: '2' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      properties: {
        contentType: 'application/json',
        payloadFormatIndicator: true,
        messageExpiryInterval: 60,
        topicAlias: 3,
        responseTopic: 'replies/me',
        correlationData: Uint8Array.of(0x0a, 0xff),
        userProperties: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      },
    });
    expect(buildProperties(emptyProperties())).toEqual({ ok: true });
  });

  it('says which field is wrong', () => {
    const check = (over: Partial<ReturnType<typeof emptyProperties>>) => {
      const result = buildProperties({ ...emptyProperties(), ...over });
      return result.ok ? 'ok' : result.message;
    };
    expect(check({ topicAlias: '0' })).toContain('Topic alias');
    expect(check({ messageExpiryInterval: '-1' })).toContain('Message expiry');
    expect(check({ responseTopic: 'a/#' })).toContain('Response topic');
    expect(check({ correlationData: 'xyz', correlationFormat: 'hex' })).toContain('position 1');
    expect(check({ userProperties: [{ key: '', value: 'v' }] })).toContain('no name');
  });
});
