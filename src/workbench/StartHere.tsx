import { useTranslation } from 'react-i18next';
import { useWorkbench } from './workbench-state';

const AREAS = ['subscriptions', 'topics', 'messages', 'publish', 'packets'] as const;

/** The first screen's main area: one obvious start, and what each area will show. */
export function StartHere() {
  const { t } = useTranslation();
  const { show } = useWorkbench();
  const newConnection = () => {
    show('connections');
    // The form is in the side area: its first field is where a new connection starts.
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>('#activity-view-connections input[id$="-host"]')?.focus(),
    );
  };
  return (
    <section className="start-here" aria-labelledby="start-here-title">
      <h2 id="start-here-title" className="start-title">
        {t('workbench.start.title')}
      </h2>
      <p className="muted">{t('workbench.start.lead')}</p>
      <div className="start-actions">
        <button type="button" className="button-primary" onClick={newConnection}>
          {t('workbench.start.newConnection')}
        </button>
        <button type="button" onClick={() => show('broker')}>
          {t('workbench.start.localBroker')}
        </button>
      </div>
      <dl className="start-areas">
        {AREAS.map((area) => (
          <div key={area}>
            <dt>{t(`workbench.area.${area}.name`)}</dt>
            <dd className="muted">{t(`workbench.area.${area}.what`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
