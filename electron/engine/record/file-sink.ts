/**
 * The recorder's way to disk: whole lines appended in batches, one write at a time. Memory is
 * bounded by `maxPendingBytes`: when the disk falls that far behind, new lines are dropped and
 * counted rather than queued without end. Each write holds whole lines, so a file cut by a
 * crash ends at most with one partial line.
 */
import { open, type FileHandle } from 'node:fs/promises';

export interface LineWriter {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function openLineFile(path: string): Promise<LineWriter> {
  // 'wx': never overwrite a file that is already there (a chosen path may be anyone's).
  const handle: FileHandle = await open(path, 'wx', 0o600);
  return {
    write: async (text) => {
      await handle.write(text);
    },
    close: () => handle.close(),
  };
}

export interface BatchedSinkOptions {
  maxPendingBytes?: number;
  /** A batch is written once this many bytes wait, or after flushEveryMs. */
  batchBytes?: number;
  flushEveryMs?: number;
}

export class BatchedLineSink {
  private pending: string[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failure: Error | null = null;
  private closed = false;
  written = 0;
  bytes = 0;
  dropped = 0;
  private readonly maxPendingBytes: number;
  private readonly batchBytes: number;
  private readonly flushEveryMs: number;

  constructor(
    private readonly writer: LineWriter,
    private readonly onError: (error: Error) => void,
    options: BatchedSinkOptions = {},
  ) {
    this.maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
    this.batchBytes = options.batchBytes ?? 256 * 1024;
    this.flushEveryMs = options.flushEveryMs ?? 100;
  }

  /** Bytes waiting for the disk now. */
  get backlog(): number {
    return this.pendingBytes;
  }

  /** Queues one line (without its newline); false when it was dropped. */
  push(line: string): boolean {
    if (this.closed || this.failure) return false;
    // Length in UTF-16 units: close enough to bytes for a bound, and O(1).
    const size = line.length + 1;
    if (this.pendingBytes + size > this.maxPendingBytes && this.pending.length > 0) {
      this.dropped++;
      return false;
    }
    this.pending.push(line);
    this.pendingBytes += size;
    if (this.pendingBytes >= this.batchBytes) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.flushEveryMs);
    return true;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.pending.length === 0 || this.failure) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const text = batch.join('\n') + '\n';
    this.writing = this.writer
      .write(text)
      .then(
        () => {
          this.written += batch.length;
          this.bytes += Buffer.byteLength(text);
        },
        (error: unknown) => {
          this.failure = error instanceof Error ? error : new Error(String(error));
          this.dropped += batch.length;
          this.onError(this.failure);
        },
      )
      .finally(() => {
        this.writing = null;
        // What arrived during the write goes next, without waiting for the timer.
        if (this.pending.length > 0 && !this.failure) this.kick();
      });
  }

  /** Writes everything queued, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.writing || (this.pending.length > 0 && !this.failure)) {
      if (!this.writing) this.kick();
      await this.writing;
    }
    if (this.timer) clearTimeout(this.timer);
    await this.writer.close();
  }
}
