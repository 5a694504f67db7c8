/**
 * Issue 16 part 3 (Scripts): the API's typings (what the editor loads into Monaco) describe
 * the examples the Scripts view offers: each example type-checks against them alone.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const GUEST = resolve(__dirname, '../../electron/engine/scripts/guest');

describe('script API typings', () => {
  // Scripts #20: the examples are valid scripts by the API's own types.
  it('type-checks the three examples against api.d.ts', () => {
    const examples = readdirSync(join(GUEST, 'examples')).filter((f) => f.endsWith('.js'));
    expect(examples.sort()).toEqual(['echo-responder.js', 'json-transform.js', 'thermostat-device.js']);
    const program = ts.createProgram({
      rootNames: [join(GUEST, 'api.d.ts'), ...examples.map((f) => join(GUEST, 'examples', f))],
      // ES2023 without DOM or Node types: only what QuickJS and the API give a script.
      options: {
        allowJs: true,
        checkJs: true,
        noEmit: true,
        strict: true,
        lib: ['lib.es2023.d.ts'],
        types: [],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
