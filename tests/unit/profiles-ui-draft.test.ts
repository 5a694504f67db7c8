import { describe, expect, it } from 'vitest';
import { ProfileOptionsSchema, type ProfileOptions, type ProfileView } from '../../electron/contract';
import { DEFAULT_FORM } from '../../src/connections/connect-form-values';
import {
  NO_SECRETS,
  connectPlan,
  draftFromProfile,
  isDirty,
  keptHeaderValues,
  keepsSavedSecret,
  newDraft,
  nextClientId,
  toSaveInput,
  type ProfileDraft,
} from '../../src/profiles/profile-draft';

const PEM_CERT = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----';

function view(
  overrides: Partial<Omit<ProfileView, 'options'>> & { options?: ProfileOptions } = {},
): ProfileView {
  const { options, ...rest } = overrides;
  return {
    id: 'p1',
    name: 'Staging',
    folder: 'ACME',
    order: 0,
    createdAt: 1,
    updatedAt: 1,
    secrets: { password: true, passphrase: false, keyPem: false, wsHeaders: [] },
    ...rest,
    options: ProfileOptionsSchema.parse(
      options ?? { transport: 'mqtt', host: 'broker.local', port: 1883, keepaliveSeconds: 10 },
    ),
  };
}

function saveInput(draft: ProfileDraft) {
  const result = toSaveInput(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.input;
}

describe('profile draft', () => {
  it('loads a profile into form values and is clean until edited', () => {
    const draft = draftFromProfile(view());
    expect(draft.values.host).toBe('broker.local');
    expect(draft.values.keepalive).toBe('10');
    expect(draft.values.password).toBe('');
    expect(draft.saved.password).toBe(true);
    expect(isDirty(draft, draft)).toBe(false);
    expect(isDirty({ ...draft, values: { ...draft.values, port: '1884' } }, draft)).toBe(true);
    expect(isDirty({ ...draft, name: 'Other' }, draft)).toBe(true);
    expect(isDirty({ ...draft, cleared: { ...NO_SECRETS, password: true } }, draft)).toBe(true);
  });

  it('keeps a saved password when nothing is typed, replaces it when typed, clears it on request', () => {
    const draft = draftFromProfile(view());
    expect(saveInput(draft).secrets).toEqual({});
    expect(saveInput(draft)).toMatchObject({ id: 'p1', name: 'Staging', folder: 'ACME' });
    expect(saveInput({ ...draft, values: { ...draft.values, password: 'new' } }).secrets).toEqual({
      password: 'new',
    });
    expect(saveInput({ ...draft, cleared: { ...NO_SECRETS, password: true } }).secrets).toEqual({
      password: null,
    });
    // Typing after Clear: the typed one wins.
    expect(
      saveInput({
        ...draft,
        values: { ...draft.values, password: 'x' },
        cleared: { ...NO_SECRETS, password: true },
      }).secrets,
    ).toEqual({ password: 'x' });
  });

  it('never puts a secret into the options', () => {
    const draft: ProfileDraft = {
      ...newDraft(),
      name: 'TLS',
      values: {
        ...DEFAULT_FORM,
        transport: 'mqtts',
        port: '8883',
        password: 'pw',
        passphrase: 'pp',
        cert: { mode: 'pem', text: PEM_CERT },
        key: { mode: 'pem', text: PEM_KEY },
      },
    };
    const input = saveInput(draft);
    expect(input.id).toBeUndefined();
    expect(input.secrets).toEqual({ password: 'pw', passphrase: 'pp', keyPem: PEM_KEY });
    const text = JSON.stringify(input.options);
    for (const secret of ['pw', 'pp', 'BBBB']) expect(text).not.toContain(`"${secret}"`);
    expect(text).not.toContain('BBBB');
    expect(input.options?.tls?.cert).toEqual({ kind: 'pem', pem: PEM_CERT });
  });

  it('a saved pasted key satisfies "a certificate needs its key" and is kept', () => {
    const loaded = draftFromProfile(
      view({
        options: {
          transport: 'mqtts',
          host: 'h',
          port: 8883,
          tls: { verifyServer: true, cert: { kind: 'pem', pem: PEM_CERT } },
        },
        secrets: { password: false, passphrase: false, keyPem: true, wsHeaders: [] },
      }),
    );
    expect(keepsSavedSecret(loaded, 'keyPem')).toBe(true);
    const input = saveInput(loaded);
    expect(input.secrets).toEqual({});
    expect(input.options?.tls?.key).toBeUndefined();
    // A key file instead: the file path is an option, and the engine drops the pasted key.
    const withFile = saveInput({
      ...loaded,
      values: { ...loaded.values, key: { mode: 'file', text: '/k.pem' } },
    });
    expect(withFile.options?.tls?.key).toEqual({ kind: 'file', path: '/k.pem' });
  });

  it('names its problems: no name, a bad folder, a bad port', () => {
    const result = toSaveInput({ ...newDraft(), folder: 'a//b', values: { ...DEFAULT_FORM, port: '70000' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.name).toBe('Give the profile a name.');
    expect(result.problems.folder).toMatch(/folder/);
    expect(result.problems.fields.port).toBe('Ports run from 1 to 65535.');
  });

  // Workspace #2 (issue 13): connect what is on screen, no "Save the changes first".
  it('connects a profile through the host, with the unsaved edits of the form when there are any', () => {
    const draft = draftFromProfile(view());
    expect(connectPlan(draft, false)).toEqual({ kind: 'profile', id: 'p1' });
    const edited = { ...draft, values: { ...draft.values, port: '1884', keepalive: '30' } };
    const plan = connectPlan(edited, true);
    expect(plan.kind).toBe('profile');
    if (plan.kind !== 'profile') return;
    expect(plan.edits?.options).toMatchObject({ port: 1884, keepaliveSeconds: 30 });
    // Nothing typed over the saved password: the host's stays (no secret in the edits).
    expect(plan.edits?.secrets).toEqual({});
    const typed = connectPlan({ ...edited, values: { ...edited.values, password: 'typed' } }, true);
    expect(typed.kind === 'profile' && typed.edits?.secrets).toEqual({ password: 'typed' });
    const cleared = connectPlan({ ...edited, cleared: { ...edited.cleared, password: true } }, true);
    expect(cleared.kind === 'profile' && cleared.edits?.secrets).toEqual({ password: null });
    const broken = connectPlan({ ...edited, values: { ...edited.values, port: '70000' } }, true);
    expect(broken).toEqual({ kind: 'blocked', problems: { port: 'Ports run from 1 to 65535.' } });
    expect(connectPlan(newDraft(), true)).toEqual({ kind: 'form' });
  });

  it('gives a second connection of a fixed client ID a free suffix', () => {
    expect(nextClientId('', ['a'])).toBeUndefined();
    expect(nextClientId('dev', ['other'])).toBeUndefined();
    expect(nextClientId('dev', ['dev'])).toBe('dev-2');
    expect(nextClientId('dev', ['dev', 'dev-2'])).toBe('dev-3');
  });
});

describe('saved WebSocket header values (Trust #13)', () => {
  const wsView = () =>
    view({
      secrets: { password: false, passphrase: false, keyPem: false, wsHeaders: ['Authorization'] },
      options: {
        transport: 'ws',
        host: 'broker.local',
        port: 8083,
        wsHeaders: [{ key: 'Authorization', value: '' }],
      },
    });

  it('loads the header with an empty value and remembers its value is saved', () => {
    const draft = draftFromProfile(wsView());
    expect(draft.values.wsHeaders).toEqual([{ key: 'Authorization', value: '' }]);
    expect(draft.savedHeaders).toEqual(['Authorization']);
    expect(keptHeaderValues(draft)).toEqual(['Authorization']);
  });

  it('saves an empty value as "keep" and a typed one as the new value', () => {
    const draft = draftFromProfile(wsView());
    expect(saveInput(draft).options?.wsHeaders).toEqual([{ key: 'Authorization', value: '' }]);
    const typed = {
      ...draft,
      values: { ...draft.values, wsHeaders: [{ key: 'Authorization', value: 'Bearer n' }] },
    };
    expect(saveInput(typed).options?.wsHeaders).toEqual([{ key: 'Authorization', value: 'Bearer n' }]);
    expect(keptHeaderValues(typed)).toEqual([]);
  });

  it('connects unsaved edits through the host, which fills a saved header value left empty', () => {
    const draft = draftFromProfile(wsView());
    const edited = { ...draft, values: { ...draft.values, keepalive: '30' } };
    const plan = connectPlan(edited, true);
    if (plan.kind !== 'profile') throw new Error(`expected a profile plan, got ${plan.kind}`);
    // The renderer never holds the value: it sends the header with an empty value.
    expect(plan.edits?.options.wsHeaders).toEqual([{ key: 'Authorization', value: '' }]);
    const retyped = {
      ...edited,
      values: { ...edited.values, wsHeaders: [{ key: 'Authorization', value: 'x' }] },
    };
    const replaced = connectPlan(retyped, true);
    if (replaced.kind !== 'profile') throw new Error(`expected a profile plan, got ${replaced.kind}`);
    expect(replaced.edits?.options.wsHeaders).toEqual([{ key: 'Authorization', value: 'x' }]);
  });
});
