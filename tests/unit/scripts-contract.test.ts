/**
 * Issue 16 part 3 (Scripts): the `scripts.*` requests at the dispatcher. Every input is
 * validated before the engine sees it, and profile ids are data, never property names.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { createDispatch } from '../../electron/host/dispatch';

const engine = createEngine({ host: 'web', version: 'test' });
const dispatch = createDispatch(engine.handlers);
afterAll(() => engine.dispose());

const transform = { kind: 'transform', topicPattern: '#' } as const;

describe('scripts contract', () => {
  // Scripts #15: malformed scripts and requests are refused with the field that is wrong.
  it('refuses 7 malformed inputs', async () => {
    const refused = async (name: string, input: unknown, path: string) => {
      const answer = await dispatch(name, input);
      expect(answer.ok, `${name} ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('invalid-input');
        expect(answer.error.issues?.[0]?.path).toBe(path);
      }
    };
    const script = { name: 's', source: '', options: transform };
    await refused('scripts.save', { profileId: 'p', script: { ...script, id: '../etc' } }, 'script.id');
    await refused(
      'scripts.save',
      { profileId: 'p', script: { ...script, options: { kind: 'macro' } } },
      'script.options.kind',
    );
    await refused(
      'scripts.save',
      { profileId: 'p', script: { ...script, source: 'x'.repeat(256 * 1024 + 1) } },
      'script.source',
    );
    await refused(
      'scripts.save',
      { profileId: 'p', script: { ...script, options: { kind: 'responder', ratePerSecond: 0 } } },
      'script.options.ratePerSecond',
    );
    await refused(
      'scripts.save',
      { profileId: 'p', script: { ...script, options: { kind: 'device' } } },
      'script.options.profileId',
    );
    await refused(
      'scripts.save',
      { profileId: 'p', script: { ...script, options: { kind: 'transform', topicPattern: 'a/#/b' } } },
      'script.options.topicPattern',
    );
    // A transform names a saved script or gives a source, not both.
    const both = await dispatch('scripts.transform', {
      connectionId: 'conn-1',
      seqs: [1],
      source: 'transform(() => 1)',
      profileId: 'p',
      scriptId: 's',
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  // Scripts #16: a profile id such as "__proto__" is an ordinary key.
  it('keeps scripts per profile, "__proto__" and "constructor" included', async () => {
    const saved = await dispatch('scripts.save', {
      profileId: '__proto__',
      script: { name: 'odd', source: 'transform((m) => m.topic)', options: transform },
    });
    expect(saved.ok).toBe(true);
    expect(await dispatch('scripts.list', { profileId: 'constructor' })).toEqual({ ok: true, value: [] });
    const listed = await dispatch('scripts.list', { profileId: '__proto__' });
    expect(listed.ok && listed.value).toEqual([expect.objectContaining({ name: 'odd' })]);
    expect(({} as Record<string, unknown>).odd).toBeUndefined();
  });

  // Scripts #17: a script used as the wrong kind is refused with an engine sentence.
  it('refuses a responder used as a transform, with a key', async () => {
    const saved = await dispatch('scripts.save', {
      profileId: 'p',
      script: { name: 'answers', source: '', options: { kind: 'responder' } },
    });
    const id = saved.ok ? (saved.value as { id: string }[])[0]?.id : undefined;
    const answer = await dispatch('scripts.transform', {
      connectionId: 'conn-1',
      seqs: [1],
      profileId: 'p',
      scriptId: id,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        text: { key: 'scripts.wrongKind', params: { kind: 'responder', wanted: 'transform' } },
      },
    });
  });
});
