import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsState } from '../../electron/contract';
import { call } from '../api/client';
import { setLanguageChoice } from '../i18n';
import { setTimeFormat } from '../i18n/format';
import { setThemeChoice } from '../styles/theme';
import { setDefaultReconnectSeconds } from './defaults';

export const SETTINGS_KEY = ['settings'] as const;

/** The data folder's settings: the source of truth (localStorage only caches language and theme for the first paint). */
export function useSettings(enabled = true) {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => call('settings.get', {}), enabled });
}

/** Puts settings in force in this page, at once: no restart, no reload. */
export function applySettings(settings: Settings): void {
  void setLanguageChoice(settings.language);
  setThemeChoice(settings.theme);
  setTimeFormat(settings.timeFormat);
  setDefaultReconnectSeconds(settings.reconnectPeriodSeconds);
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => call('settings.save', patch),
    // Shown before the host answers, so a switch feels instant; the answer then confirms it.
    onMutate: (patch) => {
      const before = queryClient.getQueryData<SettingsState>(SETTINGS_KEY);
      if (before) applySettings({ ...before.settings, ...patch });
      return before;
    },
    onSuccess: (state) => {
      queryClient.setQueryData(SETTINGS_KEY, state);
      applySettings(state.settings);
    },
    onError: (_error, _patch, before) => {
      if (before) applySettings(before.settings);
    },
  });
}
