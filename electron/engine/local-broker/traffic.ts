import type { Socket } from 'node:net';

/**
 * Message and byte counts since the broker started. Counting is O(1) per packet; bytes are
 * read from the sockets' own counters when a snapshot is taken, not added up per write.
 */
export class TrafficCounters {
  messagesIn = 0;
  messagesOut = 0;
  private closedBytesIn = 0;
  private closedBytesOut = 0;
  private readonly sockets = new Set<Socket>();

  /** Counts a listener's raw socket (TCP, or the one under a WebSocket) until it closes. */
  track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => {
      this.closedBytesIn += socket.bytesRead;
      this.closedBytesOut += socket.bytesWritten;
      this.sockets.delete(socket);
    });
  }

  bytes(): { bytesIn: number; bytesOut: number } {
    let bytesIn = this.closedBytesIn;
    let bytesOut = this.closedBytesOut;
    for (const socket of this.sockets) {
      bytesIn += socket.bytesRead;
      bytesOut += socket.bytesWritten;
    }
    return { bytesIn, bytesOut };
  }

  /** Sockets still open, e.g. ones that never sent CONNECT: stop() cuts them. */
  openSockets(): Socket[] {
    return [...this.sockets];
  }
}
