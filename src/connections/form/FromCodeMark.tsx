import type { ConnectField } from '../connect-form-values';
import type { FromCodeMarks } from './from-code';

/** The mark next to a field: "from code: `url`" (see from-code.ts). */
export function FromCodeMark({ marks, field }: { marks: FromCodeMarks | undefined; field: ConnectField }) {
  const expression = marks?.[field];
  if (expression === undefined) return null;
  return (
    <span className="from-code-mark" title="The pasted code computes this when it runs: fill it in.">
      from code: <code>{expression}</code>
    </span>
  );
}
