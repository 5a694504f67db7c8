import { useTranslation } from 'react-i18next';
import { ACTIVITIES } from './activities';
import { useWorkbench } from './workbench-state';

/** The column of activity icons; each is a tab of the side area, named for screen readers and on hover. */
export function ActivityBar() {
  const { t } = useTranslation();
  const { active, toggle, sideCollapsed } = useWorkbench();
  return (
    <div className="activity-bar">
      <div role="tablist" aria-orientation="vertical" aria-label={t('workbench.activityBar')}>
        {ACTIVITIES.map(({ id, icon: Icon, label, hint }) => {
          const selected = id === active;
          return (
            <button
              key={id}
              type="button"
              role="tab"
              id={`activity-tab-${id}`}
              className="activity-button"
              aria-selected={selected}
              aria-controls={`activity-view-${id}`}
              aria-label={t(label)}
              aria-expanded={selected ? !sideCollapsed : undefined}
              title={`${t(label)}\n${t(hint)}`}
              onClick={() => toggle(id)}
            >
              <Icon size={20} strokeWidth={1.75} aria-hidden="true" />
              <span className="activity-label" aria-hidden="true">
                {t(label)}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
