import type { LinkDraft } from '../../electron/contract';
import { newDraft, type ProfileDraft } from '../profiles/profile-draft';

/** A deep link's fields in a new, unsaved connection form (no password: links carry none). */
export function draftFromLink(link: LinkDraft): ProfileDraft {
  const draft = newDraft();
  return {
    ...draft,
    values: {
      ...draft.values,
      transport: link.transport,
      host: link.host,
      port: String(link.port),
      path: link.path || draft.values.path,
      username: link.username,
    },
  };
}
