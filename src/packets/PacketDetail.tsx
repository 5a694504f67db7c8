import type { PacketRecord } from '../../electron/contract';
import { packetTime } from './packet-summary';

/** The selected packet's decoded fields, as JSON (passwords already masked by the engine). */
export function PacketDetail({ packet }: { packet: PacketRecord | undefined }) {
  if (!packet) {
    return (
      <div className="packet-detail is-empty">
        <span className="muted">Select a packet to see its decoded fields.</span>
      </div>
    );
  }
  return (
    <section className="packet-detail" aria-label="Packet fields">
      <div className="packet-detail-head">
        <strong>{packet.type.toUpperCase()}</strong>
        <span className="muted">
          {packet.direction === 'out' ? 'sent' : 'received'} {packetTime(packet.at)}
          {packet.messageId !== undefined && ` · id ${packet.messageId}`} · #{packet.seq}
        </span>
      </div>
      <pre className="mono packet-json">{JSON.stringify(packet.fields, null, 2)}</pre>
    </section>
  );
}
