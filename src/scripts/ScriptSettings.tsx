import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RESPONDER_RATE_MAX,
  type ProfileView,
  type Script,
  type ScriptOptions,
  type ScriptRun,
} from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { engineText } from '../i18n/engine-text';
import { useScriptErrorText } from './ScriptResult';
import { useRunControl } from './script-queries';

interface Props {
  profileId: string;
  script: Script;
  options: ScriptOptions;
  runs: readonly ScriptRun[];
  profiles: readonly ProfileView[];
  onOptions(options: ScriptOptions): void;
  /** A run uses the saved text: the view saves unsaved edits first. */
  beforeRun(): Promise<void>;
}

/** The selected script's options and, for responders and devices, its run: switch, counts, status. */
export function ScriptSettings(props: Props) {
  const { options } = props;
  return (
    <div className="script-settings">
      {options.kind === 'transform' && <TransformSettings {...props} options={options} />}
      {options.kind === 'responder' && <ResponderSettings {...props} options={options} />}
      {options.kind === 'device' && <DeviceSettings {...props} options={options} />}
    </div>
  );
}

type Of<K extends ScriptOptions['kind']> = Omit<Props, 'options'> & {
  options: Extract<ScriptOptions, { kind: K }>;
};

function TransformSettings({ options, onOptions }: Of<'transform'>) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field script-field">
      <label htmlFor={id}>{t('scripts.transform.pattern')}</label>
      <input
        id={id}
        className="mono"
        value={options.topicPattern}
        placeholder={t('scripts.transform.patternPlaceholder')}
        onChange={(e) => onOptions({ ...options, topicPattern: e.target.value })}
      />
    </div>
  );
}

function RunFacts({ run }: { run: ScriptRun | undefined }) {
  const { t } = useTranslation();
  const errorWords = useScriptErrorText();
  if (!run) return null;
  return (
    <>
      {run.lastError && (
        <p className="field-problem script-last-error">
          {t('scripts.lastError', { message: errorWords(run.lastError) })}
        </p>
      )}
      {!run.running && run.stopped && <p className="muted">{engineText(run.stopped)}</p>}
    </>
  );
}

function ResponderSettings({ profileId, script, options, runs, onOptions, beforeRun }: Of<'responder'>) {
  const { t } = useTranslation();
  const id = useId();
  const { connectionId, status } = useCurrentConnection();
  const control = useRunControl();
  const run = runs.find(
    (r) => r.scriptId === script.id && r.kind === 'responder' && r.connectionId === connectionId,
  );
  const on = run?.running === true;
  const connected = status?.state === 'connected' && connectionId !== null;
  const where = status ? status.clientId : '';
  return (
    <>
      <div className="field script-field">
        <label htmlFor={id}>{t('scripts.responder.rate')}</label>
        <input
          id={id}
          type="number"
          min={1}
          max={RESPONDER_RATE_MAX}
          value={options.ratePerSecond}
          onChange={(e) =>
            onOptions({
              ...options,
              ratePerSecond: Math.min(
                RESPONDER_RATE_MAX,
                Math.max(1, Math.round(Number(e.target.value) || 1)),
              ),
            })
          }
        />
      </div>
      <div className="script-run">
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-label={t('scripts.responder.switchLabel')}
          className={on ? 'script-switch is-on' : 'script-switch'}
          disabled={!connectionId || (!on && !connected) || control.isPending}
          onClick={async () => {
            if (!connectionId) return;
            if (on) control.mutate({ do: 'responder.stop', scriptId: script.id, connectionId });
            else {
              await beforeRun();
              control.mutate({ do: 'responder.start', profileId, scriptId: script.id, connectionId });
            }
          }}
        >
          <span className="script-switch-track" aria-hidden="true">
            <span className="script-switch-knob" />
          </span>
          <span>{t('scripts.responder.switch', { connection: where })}</span>
        </button>
        {!connected && !on && <p className="muted">{t('scripts.responder.noConnection')}</p>}
        {run && (
          <p className="script-counts" role="status" aria-label={t('scripts.responder.counts')}>
            {t('scripts.responder.handled', { count: run.handled })}
            {run.rateLimited > 0 && <> · {t('scripts.responder.limited', { count: run.rateLimited })}</>}
          </p>
        )}
        <RunFacts run={run} />
        {control.isError && (
          <p className="field-problem" role="alert">
            {errorText(control.error)}
          </p>
        )}
      </div>
    </>
  );
}

function DeviceSettings({ profileId, script, options, runs, profiles, onOptions, beforeRun }: Of<'device'>) {
  const { t } = useTranslation();
  const ids = { profile: useId(), client: useId() };
  const control = useRunControl();
  const run = runs.find((r) => r.scriptId === script.id && r.kind === 'device');
  const on = run?.running === true;
  const state = !on ? 'stopped' : run.connected ? 'connected' : 'connecting';
  return (
    <>
      <div className="field script-field">
        <label htmlFor={ids.profile}>{t('scripts.device.profile')}</label>
        <select
          id={ids.profile}
          value={options.profileId}
          aria-describedby={`${ids.profile}-hint`}
          onChange={(e) => onOptions({ ...options, profileId: e.target.value })}
        >
          {!profiles.some((p) => p.id === options.profileId) && (
            <option value={options.profileId}>{t('scripts.device.chooseProfile')}</option>
          )}
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <p id={`${ids.profile}-hint`} className="muted script-hint">
          {t('scripts.device.profileHint')}
        </p>
      </div>
      <div className="field script-field">
        <label htmlFor={ids.client}>{t('scripts.device.clientId')}</label>
        <input
          id={ids.client}
          className="mono"
          value={options.clientId}
          placeholder={t('scripts.device.clientIdPlaceholder')}
          onChange={(e) => onOptions({ ...options, clientId: e.target.value })}
        />
      </div>
      <div className="script-run">
        <div className="script-run-line">
          <span className={`script-state is-${state}`} role="status" aria-label={t('scripts.device.status')}>
            {t(`scripts.device.state.${state}`)}
          </span>
          <button
            type="button"
            className={on ? 'button-small' : 'button-small button-primary'}
            disabled={control.isPending}
            onClick={async () => {
              if (on) control.mutate({ do: 'device.stop', scriptId: script.id });
              else {
                await beforeRun();
                control.mutate({ do: 'device.start', profileId, scriptId: script.id });
              }
            }}
          >
            {on ? t('scripts.device.stop') : t('scripts.device.start')}
          </button>
          {on && (
            <button
              type="button"
              className="button-small"
              title={t('scripts.device.killTitle')}
              disabled={control.isPending}
              onClick={() => control.mutate({ do: 'device.stop', scriptId: script.id, abrupt: true })}
            >
              {t('scripts.device.kill')}
            </button>
          )}
        </div>
        {run && <p className="script-counts">{t('scripts.device.published', { count: run.published })}</p>}
        <RunFacts run={run} />
        {control.isError && (
          <p className="field-problem" role="alert">
            {errorText(control.error)}
          </p>
        )}
      </div>
    </>
  );
}
