import { Trans, useTranslation } from 'react-i18next';
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { PayloadEditorProps } from './payload-editor-props';

// Monaco is a few megabytes: it loads after first paint, in its own chunk.
const MonacoPayloadEditor = lazy(() => import('./MonacoPayloadEditor'));

/** Starts loading Monaco early (idle time after startup), so the editor is there when wanted. */
export function preloadPayloadEditor(): void {
  void import('./MonacoPayloadEditor');
}

interface BoundaryState {
  error: string | null;
}

/** A chunk that fails to load (an interrupted update, a CSP mistake) says so instead of blanking the panel. */
export class EditorLoadBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };
  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="payload-editor-host payload-editor-message is-error" role="alert">
          <Trans i18nKey="publish.editor.loadFailed" values={{ error: this.state.error }} />
        </div>
      );
    }
    return this.props.children;
  }
}

export function PayloadEditor(props: PayloadEditorProps) {
  const { t } = useTranslation();
  return (
    <EditorLoadBoundary>
      <Suspense
        fallback={
          <div className="payload-editor-host payload-editor-message" aria-busy="true">
            {t('publish.editor.loading')}
          </div>
        }
      >
        <MonacoPayloadEditor {...props} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
