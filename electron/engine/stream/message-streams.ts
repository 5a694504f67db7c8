import { DEFAULT_STREAM_LIMITS, type StreamLimits, type StreamMemory } from '../../contract';
import { EngineError } from '../errors';
import { MemoryBudget } from './memory-budget';
import { MessageStream } from './message-stream';
import { text } from '../text/keys';

/**
 * The message streams of all connections, under one memory budget. A stream outlives its
 * connection so that what arrived can still be inspected after a disconnect; it is freed
 * when the connection is removed (Trust #17). Until then the shared budget bounds what
 * closed and live connections keep together.
 */
export class MessageStreams {
  private readonly streams = new Map<string, MessageStream>();
  private limits: StreamLimits = DEFAULT_STREAM_LIMITS;
  private readonly budget = new MemoryBudget(DEFAULT_STREAM_LIMITS.maxTotalBytes);

  create(connectionId: string): MessageStream {
    const stream = new MessageStream(connectionId, this.limits, this.budget);
    this.streams.set(connectionId, stream);
    return stream;
  }

  get(connectionId: string): MessageStream {
    const stream = this.streams.get(connectionId);
    if (!stream) throw new EngineError('not-found', text('stream.noConnection', { id: connectionId }));
    return stream;
  }

  end(connectionId: string): void {
    this.streams.get(connectionId)?.end();
  }

  /** Frees the stream's log and forgets it; answers with the bytes freed (0 when unknown). */
  remove(connectionId: string): number {
    const stream = this.streams.get(connectionId);
    if (!stream) return 0;
    this.streams.delete(connectionId);
    return stream.release();
  }

  getLimits(): StreamLimits {
    return this.limits;
  }

  setLimits(partial: Partial<StreamLimits>): StreamLimits {
    this.limits = { ...this.limits, ...partial };
    this.budget.setLimit(this.limits.maxTotalBytes);
    for (const stream of this.streams.values()) stream.setLimits(this.limits);
    return this.limits;
  }

  memory(): StreamMemory {
    return {
      budget: this.budget.limit,
      used: this.budget.used,
      connections: [...this.streams.values()].map((s) => ({
        connectionId: s.connectionId,
        bytes: s.bytes,
        count: s.count,
      })),
    };
  }
}
