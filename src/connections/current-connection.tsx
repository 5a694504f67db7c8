import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';

interface ConnectionsOfThisPage {
  /** The connection the main area shows and Disconnect acts on. */
  selectedId: string | null;
  select: Dispatch<SetStateAction<string | null>>;
  /** Connections this page opened or adopted on load, oldest first. A host may hold others (other tabs). */
  ownIds: readonly string[];
  adopt: (connectionId: string) => void;
  forget: (connectionIds: readonly string[]) => void;
}

const Context = createContext<ConnectionsOfThisPage | null>(null);

/** Which connections this page opened, and which one it shows. */
export function CurrentConnectionProvider({ children }: { children: ReactNode }) {
  const [selectedId, select] = useState<string | null>(null);
  const [ownIds, setOwnIds] = useState<readonly string[]>([]);
  // Stable, so effects that adopt can depend on them.
  const adopt = useCallback((id: string) => setOwnIds((ids) => (ids.includes(id) ? ids : [...ids, id])), []);
  const forget = useCallback(
    (gone: readonly string[]) => setOwnIds((ids) => ids.filter((id) => !gone.includes(id))),
    [],
  );
  const value = useMemo<ConnectionsOfThisPage>(
    () => ({ selectedId, select, ownIds, adopt, forget }),
    [selectedId, ownIds, adopt, forget],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useConnectionsOfThisPage(): ConnectionsOfThisPage {
  const value = useContext(Context);
  if (!value) throw new Error('useConnectionsOfThisPage needs a CurrentConnectionProvider.');
  return value;
}

/** The selected connection id and its setter (the shape older callers use). */
export function useCurrentConnectionId(): [string | null, Dispatch<SetStateAction<string | null>>] {
  const { selectedId, select } = useConnectionsOfThisPage();
  return [selectedId, select];
}
