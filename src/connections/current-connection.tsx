import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProfileDraft } from '../profiles/profile-draft';

/** What the connection form showed when a connection was opened (its draft and baseline). */
export interface ShownForm {
  draft: ProfileDraft;
  baseline: ProfileDraft;
}

interface ConnectionsOfThisPage {
  /** The connection the main area shows and Disconnect acts on. */
  selectedId: string | null;
  select: (connectionId: string | null) => void;
  /** Connections this page opened, oldest first. A host may hold others (other tabs). */
  ownIds: readonly string[];
  adopt: (connectionId: string) => void;
  forget: (connectionIds: readonly string[]) => void;
  /** The form each connection was opened with, so selecting it shows its settings again. */
  forms: ReadonlyMap<string, ShownForm>;
  remember: (connectionId: string, form: ShownForm) => void;
}

const Context = createContext<ConnectionsOfThisPage | null>(null);

/** Which connections this page opened, and which one it shows. */
export function CurrentConnectionProvider({ children }: { children: ReactNode }) {
  const [selectedId, select] = useState<string | null>(null);
  const [ownIds, setOwnIds] = useState<readonly string[]>([]);
  const [forms, setForms] = useState<ReadonlyMap<string, ShownForm>>(() => new Map());
  const value = useMemo<ConnectionsOfThisPage>(
    () => ({
      selectedId,
      select,
      ownIds,
      adopt: (id) => setOwnIds((ids) => (ids.includes(id) ? ids : [...ids, id])),
      forget: (gone) => {
        setOwnIds((ids) => ids.filter((id) => !gone.includes(id)));
        setForms((old) => new Map([...old].filter(([id]) => !gone.includes(id))));
      },
      forms,
      remember: (id, form) => setForms((old) => new Map(old).set(id, form)),
    }),
    [selectedId, ownIds, forms],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useConnectionsOfThisPage(): ConnectionsOfThisPage {
  const value = useContext(Context);
  if (!value) throw new Error('useConnectionsOfThisPage needs a CurrentConnectionProvider.');
  return value;
}

/** The selected connection id and its setter (the shape older callers use). */
export function useCurrentConnectionId(): [string | null, (connectionId: string | null) => void] {
  const { selectedId, select } = useConnectionsOfThisPage();
  return [selectedId, select];
}
