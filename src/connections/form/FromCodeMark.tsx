import { useTranslation } from 'react-i18next';
import type { ConnectField } from '../connect-form-values';
import type { FromCodeMarks } from './from-code';

/** The mark next to a field: "from code: `url`" (see from-code.ts). */
export function FromCodeMark({
  marks,
  field,
  what,
}: {
  marks: FromCodeMarks | undefined;
  field: ConnectField;
  /** For one mark under several fields the same expression fills ("host, port and transport"). */
  what?: string;
}) {
  const { t } = useTranslation();
  const expression = marks?.[field];
  if (expression === undefined) return null;
  return (
    <span className="from-code-mark" title={t('connections.fromCode.title')}>
      {what ? t('connections.fromCode.labelWhat', { what }) : t('connections.fromCode.label')}:{' '}
      <code>{expression}</code>
    </span>
  );
}
