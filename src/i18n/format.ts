import { currentLanguage, i18n } from './index';

/*
 * Numbers, sizes, times and durations for the current language, through Intl.
 * Formatters are built once per language: constructing Intl objects per row is slow.
 */
type Formatters = {
  integer: Intl.NumberFormat;
  oneDecimal: Intl.NumberFormat;
  compact: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
};

const cache = new Map<string, Formatters>();
/** Settings' time format: the local zone or UTC, milliseconds either way. */
let timeZone: 'local' | 'utc' = 'local';

export function setTimeFormat(format: 'local' | 'utc'): void {
  timeZone = format;
}

export function timeFormat(): 'local' | 'utc' {
  return timeZone;
}

function formatters(): Formatters {
  const lng = currentLanguage();
  const key = `${lng}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = {
      integer: new Intl.NumberFormat(lng, { maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      compact: new Intl.NumberFormat(lng, { notation: 'compact', maximumFractionDigits: 1 }),
      time: new Intl.DateTimeFormat(lng, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        fractionalSecondDigits: 3,
        hourCycle: 'h23',
        ...(timeZone === 'utc' ? { timeZone: 'UTC' } : {}),
      }),
    };
    cache.set(key, f);
  }
  return f;
}

/** A count: plain up to 9 999, then compact (12.3K, 1.2M; 1.2万 in Chinese) so counters fit a narrow column. */
export function formatCount(n: number): string {
  return n < 10_000 ? formatters().integer.format(n) : formatters().compact.format(n);
}

export function formatNumber(n: number): string {
  return formatters().integer.format(n);
}

/** Binary sizes with the usual short symbols (B, KB, MB, GB), which Chinese UIs use too. */
export function formatBytes(bytes: number): string {
  const f = formatters();
  if (bytes < 1024) return `${f.integer.format(bytes)} B`;
  if (bytes < 1024 ** 2) return `${f.oneDecimal.format(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${f.oneDecimal.format(bytes / 1024 ** 2)} MB`;
  return `${f.oneDecimal.format(bytes / 1024 ** 3)} GB`;
}

/** Wall-clock time (local or UTC, as set) with milliseconds (HH:MM:SS.mmm), 24-hour in every language. */
export function formatTime(epochMs: number): string {
  return formatters().time.format(epochMs);
}

/** As formatTime, with a dash for "never". */
export function formatClock(epochMs: number | null): string {
  return epochMs === null ? '—' : formatTime(epochMs);
}

/** A duration in seconds with one decimal ("2.5 s", "2.5 秒"). */
export function formatSeconds(ms: number | null): string {
  if (ms === null) return '—';
  return i18n.t('format.seconds', { value: formatters().oneDecimal.format(ms / 1000) });
}

/** A message rate; empty when there is nothing worth showing. */
export function formatRate(perSecond: number): string {
  if (perSecond < 0.05) return '';
  const f = formatters();
  const value =
    perSecond < 10
      ? f.oneDecimal.format(perSecond)
      : perSecond < 10_000
        ? f.integer.format(perSecond)
        : f.compact.format(perSecond);
  return i18n.t('format.rate', { value });
}
