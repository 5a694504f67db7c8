import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_RING, type ConsoleLine } from '../../electron/contract';
import { formatNumber, formatTime } from '../i18n/format';
import { engineText } from '../i18n/engine-text';

interface Props {
  lines: readonly ConsoleLine[];
  onClear(): void;
  /** An error's line number was clicked: show that line in the editor. */
  onGoToLine(line: number): void;
}

/** A script's log output and errors, newest at the bottom, each with its time and line. */
export function ScriptConsole({ lines, onClear, onGoToLine }: Props) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const stuck = useRef(true);

  // Follow new lines while the user is at the bottom; leave them be when they scrolled up to read.
  useEffect(() => {
    const element = list.current;
    if (element && stuck.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  return (
    <section className="script-console" aria-label={t('scripts.console.label')}>
      <header className="script-console-head">
        <h3 className="section-title">{t('scripts.console.title')}</h3>
        {lines.length >= CONSOLE_RING && (
          <span className="muted">{t('scripts.console.kept', { count: CONSOLE_RING })}</span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="button-small" onClick={onClear} disabled={lines.length === 0}>
          {t('scripts.console.clear')}
        </button>
      </header>
      {lines.length === 0 ? (
        <p className="muted script-console-empty">{t('scripts.console.empty')}</p>
      ) : (
        <ol
          ref={list}
          className="script-console-lines mono"
          onScroll={(e) => {
            const el = e.currentTarget;
            stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
          }}
        >
          {lines.map((line) => (
            <li key={line.n} className={`console-line is-${line.level}`}>
              <time className="console-time" dateTime={new Date(line.at).toISOString()}>
                {formatTime(line.at)}
              </time>
              <span className="console-level">{t(`scripts.console.level.${line.level}`)}</span>
              <span className="console-text">{line.said ? engineText(line.said) : line.text}</span>
              {line.line !== undefined && (
                <button
                  type="button"
                  className="console-goto"
                  title={t('scripts.console.goToLine', { line: formatNumber(line.line) })}
                  onClick={() => line.line !== undefined && onGoToLine(line.line)}
                >
                  {t('scripts.console.line', { line: formatNumber(line.line) })}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
