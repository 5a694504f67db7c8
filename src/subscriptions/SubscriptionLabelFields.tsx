import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { colorInputValue } from './subscription-colors';

interface Props {
  color: string;
  alias: string;
  onColor: (color: string) => void;
  onAlias: (alias: string) => void;
}

/** A subscription's colour and alias (MQTTX-style): how its chip and messages are shown. */
export function SubscriptionLabelFields({ color, alias, onColor, onAlias }: Props) {
  const { t } = useTranslation();
  const colorId = useId();
  const aliasId = useId();
  return (
    <>
      <label htmlFor={colorId}>{t('subscriptions.colour')}</label>
      <input
        id={colorId}
        type="color"
        className="subscribe-color"
        value={colorInputValue(color)}
        onChange={(e) => onColor(e.target.value)}
      />
      <label htmlFor={aliasId}>{t('subscriptions.alias')}</label>
      <input
        id={aliasId}
        className="subscribe-alias"
        value={alias}
        maxLength={200}
        placeholder={t('subscriptions.aliasPlaceholder')}
        autoComplete="off"
        onChange={(e) => onAlias(e.target.value)}
      />
    </>
  );
}
