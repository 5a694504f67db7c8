import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { ProfileIdSchema, ScriptSchema, type Script, type ScriptDraft } from '../../contract';
import { ScriptDraftSchema } from '../../contract';
import { EngineError } from '../errors';
import { HistoryStore } from '../history';
import type { HistoryKind } from '../history/history-file';
import { text } from '../text/keys';

/** Scripts per profile, in the one per-profile store (history/), file `scripts.json`. */
export const SCRIPTS_KIND: HistoryKind<Script> = {
  fileName: 'scripts.json',
  keyField: 'profiles',
  keySchema: ProfileIdSchema,
  entrySchema: ScriptSchema as z.ZodType<Script>,
  limit: 1000,
  label: 'history.kind.scripts',
};

/**
 * The profile's scripts, kept in order of creation. Without a data folder (engine tests,
 * a host without one) they are kept in memory for the engine's life.
 */
export class ScriptStore {
  private readonly disk: HistoryStore<Script> | null;
  private readonly memory = new Map<string, Script[]>();

  constructor(dataDir: string | undefined) {
    this.disk = dataDir ? new HistoryStore<Script>({ dataDir, kind: SCRIPTS_KIND }) : null;
  }

  list(profileId: string): Promise<Script[]> {
    return this.disk ? this.disk.list(profileId) : Promise.resolve([...(this.memory.get(profileId) ?? [])]);
  }

  async get(profileId: string, scriptId: string): Promise<Script> {
    const script = (await this.list(profileId)).find((s) => s.id === scriptId);
    if (!script) throw new EngineError('not-found', text('scripts.notFound', { id: scriptId }));
    return script;
  }

  async save(profileId: string, draft: ScriptDraft): Promise<Script[]> {
    const parsed = ScriptDraftSchema.parse(draft);
    const script: Script = { ...parsed, id: parsed.id ?? randomUUID(), updatedAt: Date.now() };
    const list = await this.list(profileId);
    const at = list.findIndex((s) => s.id === script.id);
    const next = at === -1 ? [...list, script] : list.map((s, i) => (i === at ? script : s));
    return this.put(profileId, next);
  }

  async remove(profileId: string, scriptId: string): Promise<Script[]> {
    const list = await this.list(profileId);
    return this.put(
      profileId,
      list.filter((s) => s.id !== scriptId),
    );
  }

  private async put(profileId: string, list: Script[]): Promise<Script[]> {
    if (this.disk) return this.disk.replace(profileId, list);
    if (list.length > 0) this.memory.set(profileId, list);
    else this.memory.delete(profileId);
    return [...list];
  }
}
