/** Issue 13 #4: a draft from mqtt.js code in the form: literals in, computed fields empty and marked. */
import { describe, expect, it } from 'vitest';
import { parseMqttjsCode } from '../../electron/engine/profiles/mqttjs-code/parse';
import { draftFromMqttjs, isDirty, newDraft, toSaveInput } from '../../src/profiles/profile-draft';

const CODE = `const deviceClient = mqtt.connect(url, {
  keepalive: 10,
  connectTimeout: 4000,
  username: 'dev-7',
  password: token,
  will: { topic: 'error', payload: payload, qos: 1, retain: false },
})`;

describe('mqtt.js draft in the connection form (issue 13 #4)', () => {
  const parsed = parseMqttjsCode(CODE).draft;
  if (!parsed) throw new Error('no draft');
  const draft = draftFromMqttjs(parsed, parsed.name);

  it('fills every literal, empties and marks what the code computes', () => {
    expect(draft.profileId).toBeNull();
    expect(draft.name).toBe('deviceClient');
    expect(draft.values).toMatchObject({
      host: '',
      port: '',
      keepalive: '10',
      connectTimeout: '4',
      username: 'dev-7',
      password: '',
      willTopic: 'error',
      willPayload: '',
      willQos: 1,
      willRetain: false,
    });
    expect(draft.fromCode).toEqual({
      host: 'url',
      port: 'url',
      transport: 'url',
      password: 'token',
      willPayload: 'payload',
    });
  });

  it('is unsaved, and cannot be saved until the marked host and port are filled in', () => {
    expect(isDirty(draft, newDraft())).toBe(true);
    const refused = toSaveInput(draft);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(Object.keys(refused.problems.fields)).toEqual(expect.arrayContaining(['host', 'port']));
    const filled = { ...draft, values: { ...draft.values, host: 'broker.example', port: '1883' } };
    const saved = toSaveInput(filled);
    expect(saved.ok).toBe(true);
    if (saved.ok)
      expect(saved.input.options).toMatchObject({
        host: 'broker.example',
        port: 1883,
        keepaliveSeconds: 10,
        will: { topic: 'error', qos: 1 },
      });
  });

  it('types the secrets found in the code into the form', () => {
    const withSecret = parseMqttjsCode(
      "const c = mqtt.connect('mqtts://h.example:8883', { password: 'pw' })",
    ).draft;
    if (!withSecret) throw new Error('no draft');
    const form = draftFromMqttjs(withSecret, 'h').values;
    expect(form.password).toBe('pw');
    expect(form.transport).toBe('mqtts');
  });
});
