import { useTranslation } from 'react-i18next';

const WIDTH = 160;
const HEIGHT = 28;

/**
 * PINGREQ → PINGRESP round trips over time, as a small line: a broker or network that
 * slows down shows as a climb long before keepalive gives up.
 */
export function RttChart({ rtts }: { rtts: readonly number[] }) {
  const { t } = useTranslation();
  if (rtts.length < 2)
    return <span className="muted">{rtts.length === 0 ? t('lab.rtt.none') : t('lab.rtt.one')}</span>;
  const max = Math.max(...rtts, 1);
  const step = WIDTH / (rtts.length - 1);
  const points = rtts.map(
    (rtt, i) => `${(i * step).toFixed(1)},${(HEIGHT - (rtt / max) * (HEIGHT - 2) - 1).toFixed(1)}`,
  );
  const label = t('lab.rtt.label', { values: rtts.join(', ') });
  return (
    <svg
      className="rtt-chart"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <polyline points={points.join(' ')} fill="none" />
    </svg>
  );
}
