import { useEffect } from 'react';

/** `data-app-ready="true"` on <html>: what end-to-end tests wait for before acting. */
export function useAppReadyFlag(ready: boolean): void {
  useEffect(() => {
    const root = document.documentElement;
    if (ready) root.dataset.appReady = 'true';
    else delete root.dataset.appReady;
  }, [ready]);
}
