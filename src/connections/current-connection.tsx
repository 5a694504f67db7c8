import { createContext, useContext, useState, type ReactNode } from 'react';

type CurrentConnectionId = [string | null, (connectionId: string | null) => void];

const Context = createContext<CurrentConnectionId | null>(null);

/** Which connection the UI shows. A single id today; a tab strip can replace it later. */
export function CurrentConnectionProvider({ children }: { children: ReactNode }) {
  const state = useState<string | null>(null);
  return <Context.Provider value={state}>{children}</Context.Provider>;
}

export function useCurrentConnectionId(): CurrentConnectionId {
  const value = useContext(Context);
  if (!value) throw new Error('useCurrentConnectionId needs a CurrentConnectionProvider.');
  return value;
}
