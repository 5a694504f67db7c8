import { DEFAULT_STREAM_LIMITS, type StreamLimits } from '../../contract';
import { EngineError } from '../errors';
import { MessageStream } from './message-stream';

/**
 * The message streams of all connections. A stream outlives its connection so that what
 * arrived can still be inspected after a disconnect; it is let go when the next
 * connection opens, so closed sessions never pile up beyond one log's bounds each.
 */
export class MessageStreams {
  private readonly streams = new Map<string, MessageStream>();
  private limits: StreamLimits = DEFAULT_STREAM_LIMITS;

  create(connectionId: string): MessageStream {
    for (const [id, stream] of this.streams) if (stream.isEnded) this.streams.delete(id);
    const stream = new MessageStream(connectionId, this.limits);
    this.streams.set(connectionId, stream);
    return stream;
  }

  get(connectionId: string): MessageStream {
    const stream = this.streams.get(connectionId);
    if (!stream)
      throw new EngineError('not-found', `There are no messages for connection "${connectionId}".`);
    return stream;
  }

  end(connectionId: string): void {
    this.streams.get(connectionId)?.end();
  }

  getLimits(): StreamLimits {
    return this.limits;
  }

  setLimits(partial: Partial<StreamLimits>): StreamLimits {
    this.limits = { ...this.limits, ...partial };
    for (const stream of this.streams.values()) stream.setLimits(this.limits);
    return this.limits;
  }
}
