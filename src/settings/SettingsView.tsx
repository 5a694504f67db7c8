import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LANGUAGE_CHOICES,
  THEME_SETTINGS,
  TIME_FORMATS,
  type LanguageChoice,
  type Settings,
} from '../../electron/contract';
import { errorText } from '../api/client';
import { useTransportStatus } from '../api/use-transport-status';
import { formatTime } from '../i18n/format';
import { LimitsEditor } from '../messages/LimitsEditor';
import { useNow } from '../topics/use-now';
import { NotificationsFields } from './NotificationsFields';
import { SETTINGS_KEY, useSaveSettings, useSettings } from './settings-queries';
import './settings.css';

// Each language names itself, so a user who cannot read the current one still finds theirs.
const NATIVE_NAMES: Record<Exclude<LanguageChoice, 'system'>, string> = {
  en: 'English',
  'zh-CN': '简体中文',
};

/** Language, theme, time format, the default reconnect period and the log limits, kept in the data folder. */
export function SettingsView() {
  const { t } = useTranslation();
  const open = useTransportStatus().state === 'open';
  const query = useSettings(open);
  const save = useSaveSettings();
  const queryClient = useQueryClient();
  // The example ticks, so a change of zone shows at once.
  const now = useNow(1000);
  const [limitsRound, setLimitsRound] = useState(0);
  const ids = { language: useId(), theme: useId(), time: useId(), reconnect: useId() };
  const state = query.data;
  if (!state) {
    return (
      <section className="settings-view" aria-label={t('settings.title')}>
        <h2 className="section-title">{t('settings.title')}</h2>
        <p className="muted">{query.error ? errorText(query.error) : t('settings.loading')}</p>
      </section>
    );
  }
  const { settings } = state;
  const change = (patch: Partial<Settings>) => save.mutate(patch);
  return (
    <section className="settings-view" aria-label={t('settings.title')}>
      <h2 className="section-title">{t('settings.title')}</h2>
      {state.setAsidePath && (
        <p className="settings-note notice" role="alert">
          {t('settings.setAside', { path: state.setAsidePath })}
        </p>
      )}
      {!state.persisted && <p className="settings-note muted">{t('settings.notPersisted')}</p>}
      {save.error && (
        <p className="settings-note field-problem" role="alert">
          {errorText(save.error)}
        </p>
      )}

      <h3 className="settings-heading">{t('settings.appearance')}</h3>
      <div className="settings-grid">
        <label htmlFor={ids.language}>{t('settings.language')}</label>
        <select
          id={ids.language}
          value={settings.language}
          onChange={(e) => change({ language: e.target.value as LanguageChoice })}
        >
          {LANGUAGE_CHOICES.map((choice) => (
            <option key={choice} value={choice} lang={choice === 'system' ? undefined : choice}>
              {choice === 'system' ? t('settings.followOs') : NATIVE_NAMES[choice]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.theme}>{t('settings.theme')}</label>
        <select
          id={ids.theme}
          value={settings.theme}
          onChange={(e) => change({ theme: e.target.value as Settings['theme'] })}
        >
          {THEME_SETTINGS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`app.theme.${choice}`)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.time}>{t('settings.timeFormat')}</label>
        <select
          id={ids.time}
          value={settings.timeFormat}
          onChange={(e) => change({ timeFormat: e.target.value as Settings['timeFormat'] })}
        >
          {TIME_FORMATS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`settings.time.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="muted settings-hint">{t('settings.timeExample', { time: formatTime(now) })}</p>

      <h3 className="settings-heading">{t('settings.connections')}</h3>
      <ReconnectField
        id={ids.reconnect}
        seconds={settings.reconnectPeriodSeconds}
        onSave={(reconnectPeriodSeconds) => change({ reconnectPeriodSeconds })}
      />

      <h3 className="settings-heading">{t('settings.notify.title')}</h3>
      <NotificationsFields settings={settings} onSave={change} />

      <h3 className="settings-heading">{t('settings.log')}</h3>
      <div className="settings-limits">
        <LimitsEditor
          // A fresh editor after Apply or Cancel, so it shows what the host keeps.
          key={`${JSON.stringify(state.limits)}-${limitsRound}`}
          limits={state.limits}
          onDone={() => {
            setLimitsRound((n) => n + 1);
            void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
          }}
        />
      </div>
    </section>
  );
}

function ReconnectField({
  id,
  seconds,
  onSave,
}: {
  id: string;
  seconds: number;
  onSave(seconds: number): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(seconds));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const trimmed = text.trim();
    const value = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || value > 86_400) return setProblem(t('settings.reconnectProblem'));
    setProblem(null);
    if (value !== seconds) onSave(value);
  };
  return (
    <div className="settings-grid">
      <label htmlFor={id}>{t('settings.reconnect')}</label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <p id={`${id}-hint`} className={problem ? 'field-problem settings-span' : 'muted settings-span'}>
        {problem ?? t('settings.reconnectHint')}
      </p>
    </div>
  );
}
