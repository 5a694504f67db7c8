import { useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopicMatchMode } from '../../electron/contract';
import { formatNumber } from '../i18n/format';
import { SearchBar } from '../search/SearchBar';
import { invalidProps } from '../ui/field';
import { topicFilter } from './topic-filter';

const MODES: TopicMatchMode[] = ['substring', 'wildcard', 'regex'];

/** The one filter for the topic tree and the message list. */
export function FilterBar() {
  const { t } = useTranslation();
  const state = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const textId = useId();
  const modeId = useId();
  const excludeId = useId();
  const mode = MODES.includes(state.input.mode) ? state.input.mode : 'substring';

  return (
    // One grid row of the main area: the topic filter, and the payload search under it.
    <div className="filter-stack">
      <div className="toolbar filter-bar" role="search" aria-label={t('topics.filter.label')}>
        <label htmlFor={textId} className="section-title">
          {t('topics.filter.title')}
        </label>
        <input
          {...invalidProps(textId, state.error)}
          className="mono filter-text"
          type="search"
          value={state.input.text}
          placeholder={t(`topics.filter.placeholder.${mode}`)}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => topicFilter.set({ text: e.target.value })}
        />
        <label htmlFor={modeId} className="sr-only">
          {t('topics.filter.kind')}
        </label>
        <select
          id={modeId}
          value={state.input.mode}
          onChange={(e) => topicFilter.set({ mode: e.target.value as TopicMatchMode })}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`topics.filter.mode.${m}`)}
            </option>
          ))}
        </select>
        <label htmlFor={excludeId} className="muted">
          {t('topics.filter.exclude')}
        </label>
        <input
          id={excludeId}
          className="mono filter-exclude"
          value={state.input.exclude}
          placeholder={t('topics.filter.excludePlaceholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => topicFilter.set({ exclude: e.target.value })}
        />
        {state.error ? (
          <span id={`${textId}-problem`} className="field-problem">
            {state.error}
          </span>
        ) : (
          state.active && (
            <span className="muted" role="status" aria-label={t('topics.filter.result')}>
              {state.pending
                ? t('topics.filter.filtering')
                : t('topics.filter.matching', {
                    count: state.matched,
                    formatted: formatNumber(state.matched),
                  })}
            </span>
          )
        )}
      </div>
      <SearchBar />
    </div>
  );
}
