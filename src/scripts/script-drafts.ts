import type { Script, ScriptOptions } from '../../electron/contract';
import { createValueStore } from '../api/store';

/** What the user edits before saving: the text and the kind's options. */
export interface ScriptEdit {
  source: string;
  options: ScriptOptions;
}

/**
 * Unsaved edits per script id, kept for the page's life (closing the editor or switching
 * scripts loses nothing). A script without an entry shows its saved text.
 */
export const drafts = createValueStore<ReadonlyMap<string, ScriptEdit>>(new Map());

export function editOf(script: Script): ScriptEdit {
  return drafts.getSnapshot().get(script.id) ?? { source: script.source, options: script.options };
}

export function isDirty(script: Script, edit: ScriptEdit | undefined): boolean {
  if (!edit) return false;
  return edit.source !== script.source || JSON.stringify(edit.options) !== JSON.stringify(script.options);
}

export function setEdit(script: Script, change: Partial<ScriptEdit>): void {
  const next = new Map(drafts.getSnapshot());
  const edit = { ...editOf(script), ...change };
  if (isDirty(script, edit)) next.set(script.id, edit);
  else next.delete(script.id);
  drafts.set(next);
}

/** After a save (or a delete): the saved script is the truth again. */
export function dropEdit(scriptId: string): void {
  if (!drafts.getSnapshot().has(scriptId)) return;
  const next = new Map(drafts.getSnapshot());
  next.delete(scriptId);
  drafts.set(next);
}
