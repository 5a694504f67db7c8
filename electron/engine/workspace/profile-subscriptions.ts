import type { ParsedProfileSubscription } from '../../contract';

/** The same filter again is an edit: it takes the old one's place; a new one goes last. */
export function upsertSubscription(
  list: readonly ParsedProfileSubscription[],
  entry: ParsedProfileSubscription,
): ParsedProfileSubscription[] {
  const index = list.findIndex((s) => s.filter === entry.filter);
  if (index === -1) return [...list, entry];
  return list.map((s, i) => (i === index ? entry : s));
}

export function removeSubscription(
  list: readonly ParsedProfileSubscription[],
  filter: string,
): ParsedProfileSubscription[] {
  return list.filter((s) => s.filter !== filter);
}
