import { useMemo } from 'react';
import { findPayloadMatch, type PayloadQuery } from '../../electron/contract';
import { parsePayloadSearch, type PayloadSearchInput } from './list-query';

/** The current payload query, or null: rows mark its first match in their preview. */
export function usePayloadHighlight(input: PayloadSearchInput): PayloadQuery | null {
  return useMemo(() => parsePayloadSearch(input).query, [input]);
}

/** A preview with the query's first match marked (the match may lie past the preview). */
export function Highlighted({ text, query }: { text: string; query: PayloadQuery | null }) {
  const at = query ? findPayloadMatch(query, text) : null;
  if (!at || at.end === at.start) return <>{text}</>;
  return (
    <>
      {text.slice(0, at.start)}
      <mark className="search-hit">{text.slice(at.start, at.end)}</mark>
      {text.slice(at.end)}
    </>
  );
}
