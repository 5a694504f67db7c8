/**
 * Issue 19 #3: a deep link fills a new, unsaved connection form and nothing else: no
 * profile id (it is not a saved profile), no password, defaults for everything the link
 * does not name.
 */
import { describe, expect, it } from 'vitest';
import { draftFromLink } from '../../src/app/link-draft';
import { newDraft } from '../../src/profiles/profile-draft';

describe('a deep link as a connection draft (Issue 19 #3)', () => {
  it('fills transport, host, port, path and user name into a new draft', () => {
    const draft = draftFromLink({
      transport: 'wss',
      host: 'broker.example.com',
      port: 8884,
      path: '/ws',
      username: 'ann',
    });
    const blank = newDraft();
    expect(draft.profileId).toBeNull();
    expect(draft.values).toEqual({
      ...blank.values,
      transport: 'wss',
      host: 'broker.example.com',
      port: '8884',
      path: '/ws',
      username: 'ann',
    });
    expect(draft.values.password).toBe('');
  });

  it('keeps the form default path when the link names none', () => {
    const draft = draftFromLink({ transport: 'mqtt', host: 'h', port: 1883, path: '', username: '' });
    expect(draft.values.path).toBe(newDraft().values.path);
  });
});
