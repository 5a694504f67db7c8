import { Trans, useTranslation } from 'react-i18next';

/** The whole page when a browser opens the web host without its per-run token. */
export function MissingToken() {
  const { t } = useTranslation();
  return (
    <main className="missing-token">
      <h1>{t('app.missingToken.title')}</h1>
      <p>
        <Trans i18nKey="app.missingToken.noToken" components={{ code: <code /> }} />
      </p>
      <p>
        <Trans i18nKey="app.missingToken.openFull" components={{ code: <code /> }} />
      </p>
    </main>
  );
}
