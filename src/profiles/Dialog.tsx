import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom; the dialog adds none of its own besides the corner Close. */
  footer?: ReactNode;
  className?: string;
  /** For alert dialogs (a question that needs an answer). */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal on the native <dialog>: focus is trapped and Escape closes it, as the browser
 * does it. Named by its title, so tests and screen readers find it by role and name.
 */
export function Dialog({ open, title, onClose, children, footer, className, role = 'dialog' }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role={role}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onClose={() => open && onClose()}
      onCancel={(e) => {
        // Escape: let React's state close it, so `open` stays the truth.
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button-small" onClick={onClose}>
              {t('profiles.dialog.close')}
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-foot">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}
