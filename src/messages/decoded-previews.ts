import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodedPreview, MessageSummary } from '../../electron/contract';
import { call } from '../api/client';
import { useConnectionsOfThisPage } from '../connections/current-connection';
import { mayDecode, previewWords } from './decoded-preview-words';

/**
 * Decoded one-line previews (MessagePack, CBOR, Protobuf, Sparkplug B) for the rows on
 * screen. The list is virtual, so only the rows it renders ask; the asks of one frame go to
 * the engine as one `payload.previews` request, and each answer is kept (a message's bytes
 * never change, and seqs are never reused on a connection).
 */

const BATCH_MS = 30;
const MAX_SEQS = 500;
const KEPT = 5000;

/** By scope (connection and profile), then by seq; null: no codec applies, show the bytes. */
const answers = new Map<string, Map<number, DecodedPreview | null>>();
const wanted = new Map<string, Set<number>>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

const scopeKey = (connectionId: string, profileId: string | null) =>
  `${connectionId}\u0000${profileId ?? ''}`;

function notify(): void {
  for (const listener of listeners) listener();
}

async function flush(): Promise<void> {
  timer = undefined;
  const batches = [...wanted.entries()];
  wanted.clear();
  for (const [scope, seqSet] of batches) {
    const [connectionId = '', profileId = ''] = scope.split('\u0000');
    const seqs = [...seqSet];
    let kept = answers.get(scope);
    if (!kept) answers.set(scope, (kept = new Map()));
    for (let i = 0; i < seqs.length; i += MAX_SEQS) {
      const chunk = seqs.slice(i, i + MAX_SEQS);
      try {
        const got = await call('payload.previews', {
          connectionId,
          seqs: chunk,
          ...(profileId ? { profileId } : {}),
        });
        for (const seq of chunk) kept.set(seq, null);
        for (const preview of got) kept.set(preview.seq, preview);
      } catch {
        // The connection went away: the rows keep their plain preview.
        for (const seq of chunk) kept.set(seq, null);
      }
    }
    while (kept.size > KEPT) {
      const oldest = kept.keys().next().value;
      if (oldest === undefined) break;
      kept.delete(oldest);
    }
  }
  notify();
}

function ask(scope: string, seq: number): void {
  let set = wanted.get(scope);
  if (!set) wanted.set(scope, (set = new Set()));
  set.add(seq);
  timer ??= setTimeout(() => void flush(), BATCH_MS);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The decoded preview of a message on the connection on screen; undefined: show the bytes. */
export function useDecodedPreview(summary: MessageSummary | undefined): string | undefined {
  const seq = summary && mayDecode(summary) ? summary.seq : undefined;
  // Worded at render: a language switch re-words the rows already answered.
  const { i18n } = useTranslation();
  const { selectedId, forms } = useConnectionsOfThisPage();
  const profileId = (selectedId && forms.get(selectedId)?.draft.profileId) || null;
  const scope = selectedId ? scopeKey(selectedId, profileId) : null;
  // The row's own answer is the snapshot: a batch landing re-renders only the rows it answered.
  const known = useSyncExternalStore(subscribe, () =>
    scope && seq !== undefined ? answers.get(scope)?.get(seq) : undefined,
  );
  // Asked again when forgotten (the bindings changed): the snapshot goes back to undefined.
  const missing = known === undefined;
  useEffect(() => {
    if (missing && scope && seq !== undefined && !answers.get(scope)?.has(seq)) ask(scope, seq);
  }, [missing, scope, seq]);
  return known ? previewWords(known, i18n.language) : undefined;
}

/** Forgets the kept previews (the profile's bindings changed). */
export function forgetDecodedPreviews(): void {
  answers.clear();
  notify();
}
