import { createContext, useContext } from 'react';

/**
 * Whether the activity view around a component is on screen. Views stay mounted while
 * hidden (their state survives), so anything that ticks asks this first: a hidden view
 * does no work (issue 18 #7). Outside any activity view, a component counts as shown.
 */
export const ActivityShown = createContext(true);

export function useActivityShown(): boolean {
  return useContext(ActivityShown);
}
