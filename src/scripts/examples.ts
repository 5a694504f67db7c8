/**
 * The script API's typings (for the editor's completion) and the three shipped examples, as
 * text. They are the engine's own guest files, read as text at build time, so the editor
 * shows exactly what the sandbox provides. Only text crosses here, no engine code, hence the
 * exception to the renderer's contract-only import rule.
 */
import type { ScriptKind } from '../../electron/contract';
/* eslint-disable no-restricted-imports -- text of the sandbox's guest files, not engine code */
import apiTypes from '../../electron/engine/scripts/guest/api.d.ts?raw';
import echoResponder from '../../electron/engine/scripts/guest/examples/echo-responder.js?raw';
import jsonTransform from '../../electron/engine/scripts/guest/examples/json-transform.js?raw';
import thermostatDevice from '../../electron/engine/scripts/guest/examples/thermostat-device.js?raw';
/* eslint-enable no-restricted-imports */

export const SCRIPT_API_TYPES: string = apiTypes;

export const EXAMPLES: Record<ScriptKind, { source: string }> = {
  transform: { source: jsonTransform },
  responder: { source: echoResponder },
  device: { source: thermostatDevice },
};
