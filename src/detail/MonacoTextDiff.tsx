/**
 * Two payloads side by side in Monaco's diff editor. Loaded lazily (see TextDiff.tsx):
 * importing this module pulls in Monaco.
 */
import { useEffect, useRef } from 'react';
import { DARK_THEME, LIGHT_THEME, monaco } from '../publish/editor/monaco-setup';
import { onThemeChange, resolvedTheme } from '../styles/theme';

export interface TextDiffProps {
  original: string;
  modified: string;
  label: string;
}

export default function MonacoTextDiff({ original, modified, label }: TextDiffProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const left = monaco.editor.createModel(original, 'plaintext');
    const right = monaco.editor.createModel(modified, 'plaintext');
    const editor = monaco.editor.createDiffEditor(element, {
      ariaLabel: label,
      theme: resolvedTheme() === 'dark' ? DARK_THEME : LIGHT_THEME,
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      fontSize: 12,
      wordWrap: 'on',
      scrollBeyondLastLine: false,
    });
    editor.setModel({ original: left, modified: right });
    const stopTheme = onThemeChange(() =>
      monaco.editor.setTheme(resolvedTheme() === 'dark' ? DARK_THEME : LIGHT_THEME),
    );
    return () => {
      stopTheme();
      editor.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, label]);
  return <div ref={host} className="text-diff-host" data-testid="text-diff" />;
}
