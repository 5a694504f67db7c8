/**
 * Native file dialogs the renderer asks for by name (issue 19 #3): where to write a new
 * recording, and a recording to open from anywhere on disk. Downloads (exports, "Save to
 * file") get their dialog in save-dialog.ts; these two need a path the engine writes or reads
 * itself, so the renderer asks for one through the contract's `desktop.chooseFile`.
 */
import { join } from 'node:path';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileChoice, ParsedRequestInput } from '../contract';
import type { MenuLabels } from './menu-labels';
import { RECORDING_EXTENSION, fileFilters } from './save-dialog';

/** The part of Electron's `dialog` used here (the glue tests hand in the stand-in's). */
export interface FileDialogs {
  showSaveDialog(
    window: BrowserWindow,
    options: SaveDialogOptions,
  ): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(
    window: BrowserWindow,
    options: OpenDialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileChoiceDeps {
  dialog: FileDialogs;
  /** The window the dialog belongs to (sheet on macOS, modal elsewhere). */
  window: () => BrowserWindow | undefined;
  documents: () => string;
  labels: MenuLabels;
}

const DEFAULT_RECORDING = `recording.${RECORDING_EXTENSION}`;

export function saveRecordingOptions(name: string, documents: string, labels: MenuLabels): SaveDialogOptions {
  return {
    title: labels.recordTitle,
    defaultPath: join(documents, name),
    filters: fileFilters(name, labels),
    // No overwrite confirmation: the recorder never writes over a file (it says so instead),
    // so confirming an overwrite here would promise what then fails.
    properties: ['createDirectory'],
  };
}

export function openRecordingOptions(documents: string, labels: MenuLabels): OpenDialogOptions {
  return {
    title: labels.openRecordingTitle,
    defaultPath: documents,
    // A recording, or an exported message log (record.open reads both).
    filters: [
      { name: labels.recordingFiles, extensions: ['jsonl'] },
      { name: labels.jsonFiles, extensions: ['json'] },
      { name: labels.allFiles, extensions: ['*'] },
    ],
    properties: ['openFile'],
  };
}

/** The handler for `desktop.chooseFile`: a path, or null when the user cancels. */
export function fileChoiceHandler(deps: FileChoiceDeps) {
  return async (input: ParsedRequestInput<'desktop.chooseFile'>): Promise<FileChoice> => {
    const window = deps.window();
    if (!window) return { path: null };
    if (input.purpose === 'save-recording') {
      const options = saveRecordingOptions(
        input.suggestedName ?? DEFAULT_RECORDING,
        deps.documents(),
        deps.labels,
      );
      const chosen = await deps.dialog.showSaveDialog(window, options);
      return { path: chosen.canceled || !chosen.filePath ? null : chosen.filePath };
    }
    const chosen = await deps.dialog.showOpenDialog(
      window,
      openRecordingOptions(deps.documents(), deps.labels),
    );
    return { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) };
  };
}
