import type { Qos } from '../../electron/contract';

const QOS_LEVELS: readonly Qos[] = [0, 1, 2];

interface Props {
  id: string;
  value: Qos;
  onChange: (qos: Qos) => void;
}

export function QosSelect({ id, value, onChange }: Props) {
  return (
    <select
      id={id}
      className="qos-select"
      value={value}
      onChange={(e) => onChange(QOS_LEVELS[Number(e.target.value)] ?? 0)}
    >
      {QOS_LEVELS.map((qos) => (
        <option key={qos} value={qos}>
          {qos}
        </option>
      ))}
    </select>
  );
}
