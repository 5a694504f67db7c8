import { useId, useSyncExternalStore } from 'react';
import type { TopicMatchMode } from '../../electron/contract';
import { invalidProps } from '../ui/field';
import { topicFilter } from './topic-filter';

const MODES: { value: TopicMatchMode; label: string; placeholder: string }[] = [
  { value: 'substring', label: 'Text', placeholder: 'part of a topic' },
  { value: 'wildcard', label: 'MQTT filter', placeholder: 'home/+/temperature' },
  { value: 'regex', label: 'Regex', placeholder: '^home/(kitchen|hall)/' },
];

/** The one filter for the topic tree and the message list. */
export function FilterBar() {
  const state = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const textId = useId();
  const modeId = useId();
  const excludeId = useId();
  const mode = MODES.find((m) => m.value === state.input.mode) ?? MODES[0];

  return (
    <div className="toolbar filter-bar" role="search" aria-label="Filter the tree and the list">
      <label htmlFor={textId} className="section-title">
        Filter
      </label>
      <input
        {...invalidProps(textId, state.error)}
        className="mono filter-text"
        type="search"
        value={state.input.text}
        placeholder={mode?.placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => topicFilter.set({ text: e.target.value })}
      />
      <label htmlFor={modeId} className="sr-only">
        Filter kind
      </label>
      <select
        id={modeId}
        value={state.input.mode}
        onChange={(e) => topicFilter.set({ mode: e.target.value as TopicMatchMode })}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      <label htmlFor={excludeId} className="muted">
        Exclude
      </label>
      <input
        id={excludeId}
        className="mono filter-exclude"
        value={state.input.exclude}
        placeholder="$SYS/#, debug/#"
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
          <span className="muted" role="status" aria-label="Filter result">
            {state.pending ? 'Filtering…' : `${state.matched.toLocaleString()} matching topics`}
          </span>
        )
      )}
    </div>
  );
}
