import type { PacketRecord } from '../../electron/contract';
import type { PacketPair } from './packet-pairs';
import { packetTime } from './packet-summary';

/** The selected packet's decoded fields, as JSON (passwords already masked by the engine). */
interface Props {
  packet: PacketRecord | undefined;
  pair: PacketPair | undefined;
  partnerType: PacketRecord['type'] | undefined;
  onShowPartner: (seq: number) => void;
}

export function PacketDetail({ packet, pair, partnerType, onShowPartner }: Props) {
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
      {pair && (
        <p className="packet-pair">
          {pair.role === 'request' ? 'Answered by' : 'Answers'}{' '}
          <button type="button" className="button-small" onClick={() => onShowPartner(pair.partnerSeq)}>
            {partnerType?.toUpperCase() ?? 'packet'} #{pair.partnerSeq}
          </button>{' '}
          after {pair.rttMs} ms.
        </p>
      )}
      <pre className="mono packet-json">{JSON.stringify(packet.fields, null, 2)}</pre>
    </section>
  );
}
