import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TopicFilterSchema, type Settings } from '../../electron/contract';
import { call } from '../api/client';

interface Props {
  settings: Pick<Settings, 'notifyOnDrop' | 'notifyTopics'>;
  onSave(patch: Partial<Settings>): void;
}

/**
 * Desktop notifications (off by default): a dropped connection, and messages on watched
 * topics, while MQScope is in the background. Only the desktop app shows them; in a browser
 * the fields stay visible and say so, so the setting is not a mystery.
 */
export function NotificationsFields({ settings, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });
  const desktop = info.data?.host === 'electron';
  const [text, setText] = useState(settings.notifyTopics.join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  // Shown as clicked at once; the save follows (and the view re-reads what was kept).
  const [onDrop, setOnDrop] = useState(settings.notifyOnDrop);

  const commit = () => {
    const filters = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const bad = filters.find((filter) => !TopicFilterSchema.safeParse(filter).success);
    if (bad !== undefined) return setProblem(t('settings.notify.badFilter', { filter: bad }));
    if (filters.length > 32) return setProblem(t('settings.notify.tooMany', { count: 32 }));
    setProblem(null);
    if (filters.join('\n') !== settings.notifyTopics.join('\n')) onSave({ notifyTopics: filters });
  };

  return (
    <div className="settings-notify">
      {!desktop && <p className="muted settings-note">{t('settings.notify.desktopOnly')}</p>}
      <label className="settings-check">
        <input
          type="checkbox"
          checked={onDrop}
          onChange={(e) => {
            setOnDrop(e.target.checked);
            onSave({ notifyOnDrop: e.target.checked });
          }}
        />
        {t('settings.notify.onDrop')}
      </label>
      <label htmlFor={`${id}-topics`}>{t('settings.notify.topics')}</label>
      <textarea
        id={`${id}-topics`}
        className="mono"
        rows={3}
        spellCheck={false}
        placeholder={t('settings.notify.placeholder')}
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
      />
      <p id={`${id}-hint`} className={problem ? 'field-problem settings-note' : 'muted settings-note'}>
        {problem ?? t('settings.notify.topicsHint')}
      </p>
    </div>
  );
}
