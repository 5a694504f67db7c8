/**
 * Files the desktop hands to MQScope through its file associations (issue 19 #1): a double-
 * click on an export or a recording, "Open with", or a path on the command line. Windows and
 * Linux pass the path as an argument (to the second instance, which forwards it); macOS sends
 * `open-file`. Opening never acts by itself: an export is shown in the import dialog, a
 * recording is offered for replay.
 */
import { open } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { MAX_OPENED_EXPORT, type OpenedFileEvent } from '../contract';

/** The endings the installers associate with MQScope (build/electron-builder.yml). */
const EXPORT_ENDING = '.mqscope.json';
const RECORDING_ENDING = '.mqscope-rec.jsonl';

type Kind = 'export' | 'recording';

function kindOf(path: string): Kind | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(EXPORT_ENDING)) return 'export';
  if (lower.endsWith(RECORDING_ENDING)) return 'recording';
  return null;
}

/** The arguments that name a file MQScope opens (argv also holds flags and links). */
export function openableArguments(args: readonly string[], workingDirectory: string): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && kindOf(arg) !== null)
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)));
}

function clipName(path: string): string {
  const name = basename(path);
  return name.length > 255 ? `${name.slice(0, 254)}…` : name;
}

/** Reads at most the import's limit plus one byte, so a huge file is refused without loading it. */
async function readExport(path: string): Promise<OpenedFileEvent> {
  const name = clipName(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { kind: 'refused', name, problem: 'unreadable' };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { kind: 'refused', name, problem: 'not-a-file' };
    if (stats.size > MAX_OPENED_EXPORT) return { kind: 'refused', name, problem: 'too-large' };
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead));
    } catch {
      return { kind: 'refused', name, problem: 'not-utf8' };
    }
    // A file that grew between stat and read past the limit is still bounded by the buffer.
    return { kind: 'export', name, text };
  } catch {
    return { kind: 'refused', name, problem: 'unreadable' };
  } finally {
    await handle.close();
  }
}

async function checkRecording(path: string): Promise<OpenedFileEvent> {
  const name = clipName(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { kind: 'refused', name, problem: 'unreadable' };
  }
  try {
    // The engine streams the file when it is replayed; here it only has to be a readable file.
    return (await handle.stat()).isFile()
      ? { kind: 'recording', name, path }
      : { kind: 'refused', name, problem: 'not-a-file' };
  } finally {
    await handle.close();
  }
}

/** What the renderer is told about one opened path. */
export function openedFile(path: string): Promise<OpenedFileEvent> {
  return kindOf(path) === 'export' ? readExport(path) : checkRecording(path);
}
