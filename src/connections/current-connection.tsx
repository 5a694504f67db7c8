import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

interface ConnectionsOfThisPage {
  /** The connection the main area shows and Disconnect acts on. */
  selectedId: string | null;
  select: (connectionId: string | null) => void;
  /** Connections this page opened, oldest first. A host may hold others (other tabs). */
  ownIds: readonly string[];
  adopt: (connectionId: string) => void;
  forget: (connectionIds: readonly string[]) => void;
}

const Context = createContext<ConnectionsOfThisPage | null>(null);

/** Which connections this page opened, and which one it shows. */
export function CurrentConnectionProvider({ children }: { children: ReactNode }) {
  const [selectedId, select] = useState<string | null>(null);
  const [ownIds, setOwnIds] = useState<readonly string[]>([]);
  const value = useMemo<ConnectionsOfThisPage>(
    () => ({
      selectedId,
      select,
      ownIds,
      adopt: (id) => setOwnIds((ids) => (ids.includes(id) ? ids : [...ids, id])),
      forget: (gone) => setOwnIds((ids) => ids.filter((id) => !gone.includes(id))),
    }),
    [selectedId, ownIds],
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
