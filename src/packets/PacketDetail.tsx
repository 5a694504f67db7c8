import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  if (!packet) {
    return (
      <div className="packet-detail is-empty">
        <span className="muted">{t('packets.detail.select')}</span>
      </div>
    );
  }
  return (
    <section className="packet-detail" aria-label={t('packets.detail.label')}>
      <div className="packet-detail-head">
        <strong>{packet.type.toUpperCase()}</strong>
        <span className="muted">
          {t(packet.direction === 'out' ? 'packets.detail.sent' : 'packets.detail.received', {
            time: packetTime(packet.at),
          })}
          {packet.messageId !== undefined && t('packets.detail.id', { id: packet.messageId })} · #{packet.seq}
        </span>
      </div>
      {pair && (
        <p className="packet-pair">
          {pair.role === 'request' ? t('packets.detail.answeredBy') : t('packets.detail.answers')}{' '}
          <button type="button" className="button-small" onClick={() => onShowPartner(pair.partnerSeq)}>
            {partnerType?.toUpperCase() ?? t('packets.detail.packet')} #{pair.partnerSeq}
          </button>{' '}
          {t('packets.detail.after', { ms: pair.rttMs })}
        </p>
      )}
      <pre className="mono packet-json">{JSON.stringify(packet.fields, null, 2)}</pre>
    </section>
  );
}
