import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextDiffProps } from './MonacoTextDiff';

// Monaco is already a lazy chunk of the publisher; the diff shares it.
const MonacoTextDiff = lazy(() => import('./MonacoTextDiff'));

export function TextDiff(props: TextDiffProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="muted inspector-note">{t('data.compare.loading')}</p>}>
      <MonacoTextDiff {...props} />
    </Suspense>
  );
}
