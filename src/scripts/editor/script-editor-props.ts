/** What the view can ask of a mounted script editor. */
export interface ScriptEditorHandle {
  revealLine(line: number, column?: number): void;
  focus(): void;
}

/** A run's error, marked in the editor at its line. */
export interface ScriptProblem {
  line: number;
  column?: number | undefined;
  message: string;
}

export interface ScriptEditorProps {
  /** Which script: each has its own model (text and undo history). */
  scriptId: string;
  value: string;
  /** The script API's typings, for completion and hovers. */
  apiTypes: string;
  label: string;
  problems: readonly ScriptProblem[];
  onChange(text: string): void;
  onSave(): void;
  onReady?(handle: ScriptEditorHandle): void;
}
