import { useId } from 'react';
import { colorInputValue } from './subscription-colors';

interface Props {
  color: string;
  alias: string;
  onColor: (color: string) => void;
  onAlias: (alias: string) => void;
}

/** A subscription's colour and alias (MQTTX-style): how its chip and messages are shown. */
export function SubscriptionLabelFields({ color, alias, onColor, onAlias }: Props) {
  const colorId = useId();
  const aliasId = useId();
  return (
    <>
      <label htmlFor={colorId}>Colour</label>
      <input
        id={colorId}
        type="color"
        className="subscribe-color"
        value={colorInputValue(color)}
        onChange={(e) => onColor(e.target.value)}
      />
      <label htmlFor={aliasId}>Alias</label>
      <input
        id={aliasId}
        className="subscribe-alias"
        value={alias}
        maxLength={200}
        placeholder="optional"
        autoComplete="off"
        onChange={(e) => onAlias(e.target.value)}
      />
    </>
  );
}
