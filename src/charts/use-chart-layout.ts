import { useEffect, useRef, useState } from 'react';
import { call, errorText } from '../api/client';
import { chartsOf, chartsStore, layoutOf } from './charts-store';

export interface ChartLayoutSync {
  /** Saving or loading failed: the charts still work, they are just not kept. */
  problem: string | null;
  /** The layouts file could not be read and was moved here. */
  setAsidePath: string | null;
}

/**
 * Keeps the open charts with the current connection's profile (issue 13): its layout is
 * loaded when one of its connections becomes current, and every change is saved at once
 * (in order). A connection without a profile keeps its charts in this page only.
 */
/** Saves run one after another, so the last change is the one kept. */
let saving: Promise<unknown> = Promise.resolve();

function saveLayout(profileId: string, onResult: (problem: string | null) => void): void {
  const layout = layoutOf(chartsStore.getSnapshot());
  saving = saving
    .then(() => call('charts.layout.save', { profileId, layout }))
    .then(
      () => onResult(null),
      (error: unknown) => onResult(errorText(error)),
    );
}

export function useChartLayout(profileId: string | undefined): ChartLayoutSync {
  const [problem, setProblem] = useState<string | null>(null);
  const [setAsidePath, setSetAside] = useState<string | null>(null);
  /** The profile whose layout the store holds; null while none (or while loading). */
  const loadedFor = useRef<string | null>(null);
  const hadProfile = useRef(false);

  useEffect(() => {
    if (profileId === undefined) {
      // The previous profile's charts are not this connection's (and emptying them here is
      // not a change to keep: nothing is saved once loadedFor is null).
      loadedFor.current = null;
      if (hadProfile.current) chartsStore.set([]);
      hadProfile.current = false;
      return;
    }
    if (loadedFor.current === profileId) return;
    hadProfile.current = true;
    loadedFor.current = null;
    chartsStore.set([]);
    let cancelled = false;
    call('charts.layout.get', { profileId })
      .then((state) => {
        if (cancelled) return;
        // Charts opened while it loaded come after the kept ones, and are kept too.
        const added = chartsStore.getSnapshot();
        chartsStore.set([...chartsOf(state.layout), ...added]);
        loadedFor.current = profileId;
        setSetAside(state.setAsidePath);
        setProblem(null);
        if (added.length > 0) saveLayout(profileId, setProblem);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(errorText(error));
      });
    return () => {
      cancelled = true;
    };
  }, [profileId]);

  useEffect(
    () =>
      chartsStore.subscribe(() => {
        const id = loadedFor.current;
        if (id !== null) saveLayout(id, setProblem);
      }),
    [],
  );

  return { problem, setAsidePath };
}
