/**
 * What an import does to the stored profiles, as a pure function of them: conflicts found
 * (same id, or same name in the same folder), then each candidate created, overwritten or
 * skipped as the user decided.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConflictDecision,
  ImportConflict,
  ImportReportEntry,
  ImportResult,
  ParsedProfileOptions,
  ParsedProfileSubscription,
} from '../../contract';
import type { StoredProfile, StoredSecrets } from './document';
import type { PlainSecrets } from './profile-secrets';
import { withoutHeaderValues } from './profile-secrets';
import { copyName, nextOrder } from './store-order';

/** One profile an import would create. */
export interface ImportCandidate {
  /** The id it had where it came from (our own format): kept when it is free. */
  sourceId?: string;
  name: string;
  folder: string;
  options: ParsedProfileOptions;
  secrets: PlainSecrets;
  notes: ImportReportEntry['notes'];
  subscriptions?: ParsedProfileSubscription[];
}

export interface ImportDeps {
  now: number;
  /** Seals a candidate's secrets (header values in its options included). */
  seal(candidate: ImportCandidate): StoredSecrets;
}

function conflictsOf(profiles: readonly StoredProfile[], candidates: readonly ImportCandidate[]) {
  const found = new Map<number, StoredProfile>();
  candidates.forEach((candidate, index) => {
    const match =
      profiles.find((p) => candidate.sourceId !== undefined && p.id === candidate.sourceId) ??
      profiles.find((p) => p.name === candidate.name && p.folder === candidate.folder);
    if (match) found.set(index, match);
  });
  return found;
}

/** The profiles after the import (null: nothing to write) and what to tell the user. */
export function applyImport(
  profiles: readonly StoredProfile[],
  candidates: readonly ImportCandidate[],
  onConflict: ConflictDecision | undefined,
  deps: ImportDeps,
): { profiles: StoredProfile[] | null; result: ImportResult } {
  const conflicts = conflictsOf(profiles, candidates);
  if (conflicts.size > 0 && onConflict === undefined) {
    const list: ImportConflict[] = [...conflicts].map(([index, existing]) => {
      const c = candidates[index] as ImportCandidate;
      return { index, name: c.name, folder: c.folder, existingId: existing.id, existingName: existing.name };
    });
    return { profiles: null, result: { status: 'conflicts', conflicts: list, total: candidates.length } };
  }
  let next = [...profiles];
  const report: ImportReportEntry[] = [];
  const { now } = deps;
  candidates.forEach((candidate, index) => {
    const existing = conflicts.get(index);
    if (existing && onConflict === 'skip') {
      report.push({ name: candidate.name, profileId: null, outcome: 'skipped', notes: candidate.notes });
      return;
    }
    const options = withoutHeaderValues(candidate.options);
    if (existing && onConflict === 'overwrite') {
      const updated: StoredProfile = {
        ...existing,
        name: candidate.name,
        options,
        secrets: deps.seal(candidate),
        subscriptions: candidate.subscriptions,
        updatedAt: now,
      };
      if (!updated.subscriptions) delete updated.subscriptions;
      next = next.map((p) => (p.id === existing.id ? updated : p));
      report.push({
        name: candidate.name,
        profileId: existing.id,
        outcome: 'overwritten',
        notes: candidate.notes,
      });
      return;
    }
    const idFree = candidate.sourceId !== undefined && !next.some((p) => p.id === candidate.sourceId);
    const created: StoredProfile = {
      id: idFree && candidate.sourceId ? candidate.sourceId : randomUUID(),
      name: existing ? copyName(next, candidate.name, candidate.folder) : candidate.name,
      folder: candidate.folder,
      order: nextOrder(next, candidate.folder),
      createdAt: now,
      updatedAt: now,
      options,
      secrets: deps.seal(candidate),
      ...(candidate.subscriptions ? { subscriptions: candidate.subscriptions } : {}),
    };
    next.push(created);
    report.push({ name: created.name, profileId: created.id, outcome: 'created', notes: candidate.notes });
  });
  return { profiles: next, result: { status: 'done', report } };
}
