import { Store, type Packet } from 'mqtt';

/**
 * mqtt.js's own outgoing store, kept by the engine across reconnects: the unacknowledged
 * PUBLISH and PUBREL packets of the session, which mqtt.js resends after a CONNACK. The copy
 * it stores is only ever sent as a redelivery, so it is stored with DUP=1, as MQTT 3.1.1 and
 * MQTT 5 §3.3.1.1 require of a resent PUBLISH (mqtt.js itself would resend it with DUP=0).
 */
export class SessionStore extends Store {
  constructor() {
    // Not `clean`: mqtt.js closes its stores in end(), and the session may outlive a client.
    super({ clean: false });
  }

  override put(packet: Packet, cb: (error?: Error) => void): this {
    return super.put(packet.cmd === 'publish' ? { ...packet, dup: true } : packet, cb);
  }

  /** PUBREL stored for this id: the broker sent PUBREC, so only PUBCOMP is missing. */
  released(messageId: number): boolean {
    let cmd: string | undefined;
    // The in-memory Store answers synchronously.
    this.get({ messageId }, (_error, packet) => (cmd = packet?.cmd));
    return cmd === 'pubrel';
  }

  /** Nothing left to resend for this id: the session is gone, or it was given up. */
  discard(messageId: number): void {
    this.del({ messageId }, () => undefined);
  }
}
