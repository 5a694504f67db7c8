import { useEffect } from 'react';
import { applySettings, useSettings } from './settings-queries';

/** Reads the settings once the host answers, and whenever they change, and applies them. */
export function SettingsSync({ enabled }: { enabled: boolean }) {
  const { data } = useSettings(enabled);
  useEffect(() => {
    if (data) applySettings(data.settings);
  }, [data]);
  return null;
}
