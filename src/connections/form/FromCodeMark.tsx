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
  const expression = marks?.[field];
  if (expression === undefined) return null;
  return (
    <span className="from-code-mark" title="The pasted code computes this when it runs: fill it in.">
      {what ? `${what} from code` : 'from code'}: <code>{expression}</code>
    </span>
  );
}
