import { useTranslation } from 'react-i18next';
import type { CheckVerdict } from '../../electron/contract';

/** A verdict as a coloured word; the colour never carries the meaning alone. */
export function VerdictPill({ verdict }: { verdict: CheckVerdict }) {
  const { t } = useTranslation();
  return <span className={`check-verdict verdict-${verdict}`}>{t(`check.verdict.${verdict}`)}</span>;
}
