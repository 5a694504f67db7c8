import type { ComponentProps, ReactNode } from 'react';
import type { EngineText } from '../../../electron/contract';
import { Field, invalidProps } from '../../ui/field';
import type { ConnectField, ConnectFormValues, FieldProblems } from '../connect-form-values';
import type { FromCodeMarks } from './from-code';
import { FromCodeMark } from './FromCodeMark';

/** A secret a saved profile holds: the form knows only that it is there. */
export interface FormSecret {
  saved: boolean;
  /** Asked to be removed on the next Save. */
  cleared: boolean;
  setCleared: (cleared: boolean) => void;
}

/** Set when the form edits a saved profile: which secrets it holds and how they are kept. */
export interface FormSecrets {
  password?: FormSecret;
  passphrase?: FormSecret;
  keyPem?: FormSecret;
  /** WebSocket headers whose value is saved (never sent here): an empty value keeps it. */
  wsHeaders?: readonly string[];
  /** How stored secrets are protected on this machine, in one sentence. */
  protection?: { sentence: EngineText; warning: boolean };
}

/** What every section of the connection form gets: the values, their problems, and a setter. */
export interface FormBinding {
  values: ConnectFormValues;
  problems: FieldProblems;
  set: <F extends ConnectField>(field: F, value: ConnectFormValues[F]) => void;
  /** A stable DOM id per field, unique per form instance. */
  id: (field: ConnectField) => string;
  secrets?: FormSecrets | undefined;
  /** Fields a code import left for the user: each shows what the code computes there. */
  fromCode?: FromCodeMarks | undefined;
}

/** Fields whose value is text, for the generic text input. */
type TextField = {
  [F in ConnectField]: ConnectFormValues[F] extends string ? F : never;
}[ConnectField];

interface TextInputProps {
  form: FormBinding;
  field: TextField;
  label: ReactNode;
  className?: string;
  input?: ComponentProps<'input'>;
  /** Leave the from-code mark to a shared one (see GeneralFields). */
  hideMark?: boolean;
}

export function TextInput({ form, field, label, className, input = {}, hideMark }: TextInputProps) {
  const id = form.id(field);
  const problem = form.problems[field];
  return (
    <Field id={id} label={label} problem={problem} className={className}>
      <input
        {...invalidProps(id, problem)}
        value={form.values[field]}
        onChange={(e) => form.set(field, e.target.value)}
        spellCheck={false}
        autoComplete="off"
        {...input}
      />
      {!hideMark && <FromCodeMark marks={form.fromCode} field={field} />}
    </Field>
  );
}

type BooleanField = {
  [F in ConnectField]: ConnectFormValues[F] extends boolean ? F : never;
}[ConnectField];

export function CheckboxInput({
  form,
  field,
  label,
  disabled,
}: {
  form: FormBinding;
  field: BooleanField;
  label: ReactNode;
  disabled?: boolean;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        id={form.id(field)}
        checked={form.values[field]}
        disabled={disabled}
        onChange={(e) => form.set(field, e.target.checked)}
      />
      {label}
      <FromCodeMark marks={form.fromCode} field={field} />
    </label>
  );
}

/** A numeric text box: text as typed (the module checks it), a narrow mono look. */
export const numeric = (extra: ComponentProps<'input'> = {}): ComponentProps<'input'> => ({
  inputMode: 'numeric',
  className: 'mono',
  ...extra,
});
