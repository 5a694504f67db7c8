import type { FormSecret } from './binding';

/**
 * Under a secret field of a saved profile: whether a secret is stored (never what it is),
 * and a way to remove it. Typing into the field replaces it on Save.
 */
export function SavedSecret({
  secret,
  noun,
  typed,
}: {
  secret: FormSecret | undefined;
  noun: string;
  typed: boolean;
}) {
  if (!secret?.saved) return null;
  if (secret.cleared) {
    return (
      <p className="saved-secret">
        <span>The saved {noun} will be removed on Save.</span>
        <button type="button" className="link-button" onClick={() => secret.setCleared(false)}>
          Keep it<span className="sr-only"> (the saved {noun})</span>
        </button>
      </p>
    );
  }
  return (
    <p className="saved-secret">
      <span>{typed ? `Save replaces the saved ${noun}.` : `A ${noun} is saved; type to replace it.`}</span>
      <button type="button" className="link-button" onClick={() => secret.setCleared(true)}>
        Clear<span className="sr-only"> saved {noun}</span>
      </button>
    </p>
  );
}

/** The placeholder of a secret field whose secret is stored and kept. */
export const savedPlaceholder = (secret: FormSecret | undefined): string | undefined =>
  secret?.saved && !secret.cleared ? '•••• saved' : undefined;
