import { useId, useMemo, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { selectionStore } from '../inspector/selection';
import { lowerBound, streamStore } from '../messages/stream-store';
import { invalidProps } from '../ui/field';
import {
  listScope,
  parsePayloadSearch,
  payloadSearch,
  revealRequest,
  searchProgress,
  type PayloadSearchInput,
} from './list-query';
import './search.css';

let nonce = 0;

/**
 * The payload half of the list filter, and the tree scope's chip. Says plainly whether the
 * list is narrowed by topic only or by payload too; Enter walks the matches.
 */
export function SearchBar() {
  const { t } = useTranslation();
  const input = useSyncExternalStore(payloadSearch.subscribe, payloadSearch.getSnapshot);
  const scope = useSyncExternalStore(listScope.subscribe, listScope.getSnapshot);
  const progress = useSyncExternalStore(searchProgress.subscribe, searchProgress.getSnapshot);
  const filtered = useSyncExternalStore(streamStore.subscribe, () => streamStore.getSnapshot().filtered);
  const parsed = useMemo(() => parsePayloadSearch(input), [input]);
  const textId = useId();
  const modeId = useId();
  const caseId = useId();
  const problem = parsed.error ?? progress.error;
  const set = (partial: Partial<PayloadSearchInput>) => payloadSearch.set({ ...input, ...partial });

  // Enter: the next match after the selected message; Shift+Enter: the one before.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || !filtered || filtered.length === 0) return;
    event.preventDefault();
    const selection = selectionStore.getSnapshot();
    const current = selection?.kind === 'message' ? selection.seq : null;
    let index: number;
    if (current === null) index = event.shiftKey ? filtered.length - 1 : 0;
    else if (event.shiftKey) index = lowerBound(filtered, current) - 1;
    else index = lowerBound(filtered, current + 1);
    if (index < 0) index = filtered.length - 1;
    if (index >= filtered.length) index = 0;
    const seq = filtered[index];
    if (seq === undefined) return;
    selectionStore.set({ kind: 'message', seq });
    revealRequest.set({ seq, nonce: ++nonce });
  };

  const searching = parsed.query !== null;
  return (
    <div className="toolbar search-bar" role="search" aria-label={t('data.search.label')}>
      <label htmlFor={textId} className="section-title">
        {t('data.search.title')}
      </label>
      <input
        {...invalidProps(textId, problem)}
        className="mono search-text"
        type="search"
        value={input.text}
        placeholder={t(`data.search.placeholder.${input.mode}`)}
        title={t(`data.search.placeholder.${input.mode}`)}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => set({ text: e.target.value })}
        onKeyDown={onKeyDown}
      />
      <label htmlFor={modeId} className="sr-only">
        {t('data.search.kind')}
      </label>
      <select
        id={modeId}
        value={input.mode}
        onChange={(e) => set({ mode: e.target.value === 'regex' ? 'regex' : 'contains' })}
      >
        <option value="contains">{t('data.search.mode.contains')}</option>
        <option value="regex">{t('data.search.mode.regex')}</option>
      </select>
      <label htmlFor={caseId} className="search-case">
        <input
          id={caseId}
          type="checkbox"
          checked={input.caseSensitive}
          onChange={(e) => set({ caseSensitive: e.target.checked })}
        />
        {t('data.search.matchCase')}
      </label>
      {scope !== null && (
        <span className="scope-chip" title={t('data.scope.title', { path: scope })}>
          <span className="mono">{t('data.scope.chip', { path: scope })}</span>
          <button
            type="button"
            className="scope-chip-remove"
            aria-label={t('data.scope.remove', { path: scope })}
            onClick={() => listScope.set(null)}
          >
            ×
          </button>
        </span>
      )}
      {problem ? (
        <span id={`${textId}-problem`} className="field-problem">
          {problem}
        </span>
      ) : (
        <span className="muted" role="status" aria-label={t('data.search.status')}>
          {progress.pending
            ? t('data.search.searching')
            : filtered
              ? `${t(searching ? 'data.search.topicsAndPayloads' : 'data.search.topicsOnly')} · ${t(
                  'data.search.matches',
                  { count: filtered.length, formatted: formatNumber(filtered.length) },
                )}`
              : t('data.search.idle')}
        </span>
      )}
    </div>
  );
}
