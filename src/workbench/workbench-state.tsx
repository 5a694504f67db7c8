import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { usePanelRef, type PanelImperativeHandle } from 'react-resizable-panels';
import { ACTIVITIES, FIRST_ACTIVITY } from './activities';

const STORAGE_KEY = 'mqscope.activity';

interface WorkbenchState {
  active: string;
  /** Shows an activity in the side area, opening the area when it was collapsed. */
  show(id: string): void;
  /** The activity bar's click: collapses the side area when `id` is already shown (as VS Code does). */
  toggle(id: string): void;
  sideCollapsed: boolean;
  /** The side pane's handle and its collapse reports, for the Workbench that renders it. */
  sidePanel: RefObject<PanelImperativeHandle | null>;
  onSideResize(): void;
}

const Context = createContext<WorkbenchState | null>(null);

function storedActivity(): string {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value && ACTIVITIES.some((a) => a.id === value) ? value : FIRST_ACTIVITY;
  } catch {
    return FIRST_ACTIVITY;
  }
}

/** Which activity the side area shows (remembered in this browser), and whether the side area is collapsed. */
export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const [active, setActive] = useState(storedActivity);
  const [sideCollapsed, setSideCollapsed] = useState(false);
  const sidePanel = usePanelRef();
  const show = useCallback(
    (id: string) => {
      setActive(id);
      try {
        localStorage.setItem(STORAGE_KEY, id);
      } catch {
        // Remembered for this page only.
      }
      if (sidePanel.current?.isCollapsed()) sidePanel.current.expand();
    },
    [sidePanel],
  );
  const toggle = useCallback(
    (id: string) => {
      const panel = sidePanel.current;
      if (id === active && panel && !panel.isCollapsed()) panel.collapse();
      else show(id);
    },
    [active, show, sidePanel],
  );
  const onSideResize = useCallback(() => {
    setSideCollapsed(sidePanel.current?.isCollapsed() ?? false);
  }, [sidePanel]);
  const value = useMemo(
    () => ({ active, show, toggle, sideCollapsed, sidePanel, onSideResize }),
    [active, show, toggle, sideCollapsed, sidePanel, onSideResize],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useWorkbench(): WorkbenchState {
  const value = useContext(Context);
  if (!value) throw new Error('useWorkbench needs a WorkbenchProvider.');
  return value;
}
