/**
 * Native save dialogs in Electron (issue 19 #3). The renderer offers files the same way in
 * both hosts (a Blob download); in Electron every download becomes the platform's save
 * dialog with a filter that fits the file, starting in Documents. Opening a file already
 * uses the platform's dialog: Electron shows its native chooser for <input type="file">,
 * filtered by the input's `accept`. The web host keeps the browser's own dialogs.
 */
import { join } from 'node:path';
import type { FileFilter, SaveDialogOptions } from 'electron';
import type { MenuLabels } from './menu-labels';

export const EXPORT_EXTENSION = 'mqscope.json';
export const RECORDING_EXTENSION = 'mqscope-rec.jsonl';

export function fileFilters(fileName: string, labels: MenuLabels): FileFilter[] {
  const all: FileFilter = { name: labels.allFiles, extensions: ['*'] };
  const lower = fileName.toLowerCase();
  // Filters take single extensions: the compound ones are matched by their last part.
  if (lower.endsWith(`.${EXPORT_EXTENSION}`))
    return [{ name: labels.exportFiles, extensions: ['json'] }, all];
  if (lower.endsWith(`.${RECORDING_EXTENSION}`))
    return [{ name: labels.recordingFiles, extensions: ['jsonl'] }, all];
  if (lower.endsWith('.jsonl')) return [{ name: labels.jsonLinesFiles, extensions: ['jsonl'] }, all];
  if (lower.endsWith('.json')) return [{ name: labels.jsonFiles, extensions: ['json'] }, all];
  return [all];
}

export function saveDialogOptions(
  fileName: string,
  documents: string,
  labels: MenuLabels,
): SaveDialogOptions {
  return {
    title: labels.saveTitle,
    defaultPath: join(documents, fileName),
    filters: fileFilters(fileName, labels),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
