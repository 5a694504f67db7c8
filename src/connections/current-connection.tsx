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
import type { ProfileDraft } from '../profiles/profile-draft';

/** What the connection form showed when a connection was opened (its draft and baseline). */
export interface ShownForm {
  draft: ProfileDraft;
  baseline: ProfileDraft;
}

interface ConnectionsOfThisPage {
  /** The connection the main area shows and Disconnect acts on. */
  selectedId: string | null;
  select: Dispatch<SetStateAction<string | null>>;
  /** Connections this page opened or adopted on load, oldest first. A host may hold others (other tabs). */
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
  // Stable, so effects that adopt can depend on them.
  const adopt = useCallback((id: string) => setOwnIds((ids) => (ids.includes(id) ? ids : [...ids, id])), []);
  const forget = useCallback((gone: readonly string[]) => {
    setOwnIds((ids) => ids.filter((id) => !gone.includes(id)));
    setForms((old) => new Map([...old].filter(([id]) => !gone.includes(id))));
  }, []);
  const remember = useCallback(
    (id: string, form: ShownForm) => setForms((old) => new Map(old).set(id, form)),
    [],
  );
  const value = useMemo<ConnectionsOfThisPage>(
    () => ({ selectedId, select, ownIds, adopt, forget, forms, remember }),
    [selectedId, ownIds, adopt, forget, forms, remember],
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
