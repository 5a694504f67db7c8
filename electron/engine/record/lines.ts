/**
 * Reads a recording (or an export) line by line from disk: memory holds one line, never the
 * file. A last line cut by a crash is reported as unreadable, and everything before it is read.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseLine, type RecordedMessage, type RecordingHeader } from './format';

export type LineVisitor = (
  line: { kind: 'header'; header: RecordingHeader } | { kind: 'message'; message: RecordedMessage },
) => unknown;

export interface ReadSummary {
  header: RecordingHeader | null;
  messages: number;
  unreadable: number;
  /** The first unreadable line, for the error people see. */
  firstProblem?: { line: number; reason: string };
}

/** Visits each readable line in order; awaits the visitor, so a slow consumer slows the read. */
export async function readRecording(path: string, visit: LineVisitor): Promise<ReadSummary> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const summary: ReadSummary = { header: null, messages: 0, unreadable: 0 };
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (text.trim() === '') continue;
      const parsed = parseLine(text);
      if (parsed.kind === 'bad') {
        summary.unreadable++;
        summary.firstProblem ??= { line: number, reason: parsed.reason };
        continue;
      }
      if (parsed.kind === 'header') {
        if (summary.header === null && summary.messages === 0) summary.header = parsed.header;
        else {
          summary.unreadable++;
          summary.firstProblem ??= { line: number, reason: 'a second header' };
          continue;
        }
      } else summary.messages++;
      if ((await visit(parsed)) === 'stop') break;
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return summary;
}
