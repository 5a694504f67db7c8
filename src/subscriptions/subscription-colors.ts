/** Colours a new subscription gets by default (MQTTX gives each one a colour too). */
export const SUBSCRIPTION_COLORS = [
  '#34c388',
  '#3b82f6',
  '#f59e0b',
  '#ef4444',
  '#8b5cf6',
  '#ec4899',
  '#14b8a6',
  '#84cc16',
] as const;

/** The first palette colour no subscription uses yet; past the palette, it starts over. */
export function nextSubscriptionColor(used: readonly (string | undefined)[]): string {
  const taken = new Set(used.map((c) => c?.toLowerCase()));
  const free = SUBSCRIPTION_COLORS.find((c) => !taken.has(c));
  return free ?? SUBSCRIPTION_COLORS[used.length % SUBSCRIPTION_COLORS.length] ?? '#34c388';
}

/** `<input type="color">` only takes "#rrggbb": widen "#rgb", drop an alpha. */
export function colorInputValue(color: string): string {
  const hex = color.slice(1);
  if (hex.length === 3 || hex.length === 4)
    return `#${[...hex.slice(0, 3)].map((d) => d + d).join('')}`.toLowerCase();
  return `#${hex.slice(0, 6)}`.toLowerCase();
}
