import type { TopicSchema } from '../../../electron/contract';

export interface EditorMarker {
  message: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface PayloadEditorHandle {
  focus(): void;
  /** Types text at the cursor (replacing a selection), as one undoable edit. */
  insert(text: string): void;
}

/** Shared by the lazy Monaco editor and its loader: kept free of Monaco imports. */
export interface PayloadEditorProps {
  value: string;
  onChange: (text: string) => void;
  language: 'json' | 'plaintext';
  /** The JSON Schema of the topic's pattern, when one matches. */
  schema: TopicSchema | null;
  onSubmit: () => void;
  onMarkers: (markers: EditorMarker[]) => void;
  placeholder: string;
  autoFocus?: boolean;
  onReady?: (handle: PayloadEditorHandle) => void;
}
