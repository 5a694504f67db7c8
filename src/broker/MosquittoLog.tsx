import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

/** Mosquitto writes a few lines a second at most: a poll each second shows them without a push channel. */
const POLL_MS = 1000;

/** The log of Mosquitto running as the local broker, newest at the bottom. */
export function MosquittoLog({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const log = useQuery({
    queryKey: ['localBroker.log'],
    queryFn: () => call('localBroker.log', {}),
    enabled: running,
    refetchInterval: running ? POLL_MS : false,
  });
  const box = useRef<HTMLPreElement>(null);
  const lines = log.data?.lines ?? [];
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  return (
    <section className="broker-log" aria-label={t('check.localBroker.log')}>
      <h3 className="section-title">{t('check.localBroker.log')}</h3>
      <pre ref={box} className="mono" tabIndex={0}>
        {lines.join('\n')}
      </pre>
    </section>
  );
}
