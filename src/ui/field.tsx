import type { ReactNode } from 'react';

/** Props that tie a control to its inline problem sentence for assistive technology. */
export function invalidProps(id: string, problem: string | null | undefined) {
  return problem
    ? { id, 'aria-invalid': true as const, 'aria-describedby': `${id}-problem` }
    : { id, 'aria-invalid': undefined, 'aria-describedby': undefined };
}

interface FieldProps {
  /** The control's id; its label points at it. */
  id: string;
  label: ReactNode;
  problem?: string | null | undefined;
  className?: string;
  children: ReactNode;
}

/** A visible label above a control, and the problem sentence under it when there is one. */
export function Field({ id, label, problem, className, children }: FieldProps) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem && (
        <span id={`${id}-problem`} className="field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}

/** Text only screen readers get: it completes a short visible label into a unique name. */
export function ScreenReaderOnly({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
