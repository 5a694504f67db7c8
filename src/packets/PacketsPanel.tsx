import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { PacketTypeSchema, type PacketRecord } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { download } from '../ui/download';
import { pairPackets } from './packet-pairs';
import { PacketDetail } from './PacketDetail';
import { packetStore } from './packet-store';
import { PacketTimeline } from './PacketTimeline';

type TypeFilter = 'all' | 'no-pings' | PacketRecord['type'];

function matches(filter: TypeFilter, packet: PacketRecord): boolean {
  if (filter === 'all') return true;
  if (filter === 'no-pings') return packet.type !== 'pingreq' && packet.type !== 'pingresp';
  return packet.type === filter;
}

/**
 * A foldable bottom panel with the shown connection's packet log. Folded, it costs
 * nothing: the store follows no connection and batches are dropped on arrival.
 */
export function PacketsPanel() {
  const { t } = useTranslation();
  const { connectionId } = useCurrentConnection();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<TypeFilter>('all');
  // Both belong to one connection: switching connections leaves them behind without an effect.
  const [selection, setSelection] = useState<{ connectionId: string | null; seq: number | null }>({
    connectionId: null,
    seq: null,
  });
  const [problem, setProblem] = useState<{ connectionId: string; message: string } | null>(null);
  const snapshot = useSyncExternalStore(packetStore.subscribe, packetStore.getSnapshot);
  const bodyId = useId();
  const filterId = useId();

  const following = open ? connectionId : null;
  useEffect(() => {
    packetStore.follow(following);
    if (!following) return;
    call('packets.list', { connectionId: following })
      .then((listed) => packetStore.load(following, listed))
      .catch((error: unknown) => setProblem({ connectionId: following, message: errorText(error) }));
  }, [following]);

  const selectedSeq = selection.connectionId === following ? selection.seq : null;
  const setSelectedSeq = (seq: number | null) => setSelection({ connectionId: following, seq });
  const loadProblem = problem && problem.connectionId === following ? problem.message : null;

  // Paused, the view keeps the packets it had; the store (and the engine's ring) go on.
  const [frozen, setFrozen] = useState<{
    connectionId: string | null;
    packets: readonly PacketRecord[];
  } | null>(null);
  const paused = frozen !== null && frozen.connectionId === following;
  const visible = paused ? frozen.packets : snapshot.packets;
  const lastSeq = (packets: readonly PacketRecord[]) => packets[packets.length - 1]?.seq ?? 0;
  const newWhilePaused = paused ? Math.max(0, lastSeq(snapshot.packets) - lastSeq(frozen.packets)) : 0;
  const pairs = useMemo(() => pairPackets(visible), [visible]);
  const shown = useMemo(() => visible.filter((p) => matches(filter, p)), [visible, filter]);
  const selected = selectedSeq === null ? undefined : visible.find((p) => p.seq === selectedSeq);
  const selectedPair = selected ? pairs.get(selected.seq) : undefined;
  const partner = selectedPair ? visible.find((p) => p.seq === selectedPair.partnerSeq) : undefined;

  const exportJsonl = async () => {
    if (!following) return;
    try {
      const { packets } = await call('packets.list', { connectionId: following });
      const lines = packets.map((p) => JSON.stringify(p)).join('\n');
      download(`packets-${following}.jsonl`, lines ? `${lines}\n` : '', 'application/x-ndjson');
    } catch (error) {
      setProblem({ connectionId: following, message: errorText(error) });
    }
  };
  const dropped = snapshot.engineDropped + snapshot.viewDropped;

  return (
    <section className={open ? 'packets-panel is-open' : 'packets-panel'} aria-labelledby={`${bodyId}-title`}>
      <div className="packets-bar">
        <button
          type="button"
          className="section-toggle packets-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="section-chevron" aria-hidden="true" />
          <span id={`${bodyId}-title`} className="section-title">
            {t('packets.title')}
          </span>
        </button>
        {open && (
          <>
            <span className="muted">
              {shown.length === snapshot.packets.length
                ? snapshot.packets.length
                : t('packets.shownOf', { shown: shown.length, total: snapshot.packets.length })}
            </span>
            <label htmlFor={filterId} className="muted">
              {t('packets.typeFilter')}
            </label>
            <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as TypeFilter)}>
              <option value="all">{t('packets.all')}</option>
              <option value="no-pings">{t('packets.noPings')}</option>
              {PacketTypeSchema.options.map((type) => (
                <option key={type} value={type}>
                  {type.toUpperCase()}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button-small"
              aria-pressed={paused}
              onClick={() =>
                setFrozen(paused ? null : { connectionId: following, packets: snapshot.packets })
              }
            >
              {paused ? t('messages.resume') : t('messages.pause')}
            </button>
            <button type="button" className="button-small" onClick={() => void exportJsonl()}>
              {t('packets.export')}
            </button>
            {paused && (
              <span className="notice" role="note">
                {t('packets.paused', { count: newWhilePaused, formatted: formatNumber(newWhilePaused) })}
              </span>
            )}
            {dropped > 0 && (
              <span className="notice" role="note">
                {t('packets.dropped', { count: dropped, formatted: formatNumber(dropped) })}
              </span>
            )}
            {snapshot.notStreamed > 0 && (
              <span className="notice" role="note">
                {t('packets.notStreamed', { formatted: formatNumber(snapshot.notStreamed) })}
              </span>
            )}
            {loadProblem && <span className="field-problem">{loadProblem}</span>}
            {!connectionId && <span className="muted">{t('packets.noConnection')}</span>}
          </>
        )}
      </div>
      {open && (
        <div id={bodyId} className="packets-body">
          <PacketTimeline packets={shown} pairs={pairs} selectedSeq={selectedSeq} onSelect={setSelectedSeq} />
          <PacketDetail
            packet={selected}
            pair={selectedPair}
            partnerType={partner?.type}
            onShowPartner={setSelectedSeq}
          />
        </div>
      )}
    </section>
  );
}
