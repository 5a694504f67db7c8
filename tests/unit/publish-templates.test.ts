import { describe, expect, it } from 'vitest';
import { expandTemplate, hasTemplate, type TemplateContext } from '../../electron/contract';
import { englishOf } from '../support/english';

const ctx = (over: Partial<TemplateContext> = {}): TemplateContext => ({
  now: Date.UTC(2026, 10, 26, 12, 30, 0, 123),
  counter: 7,
  clientId: 'mqscope-abc',
  uuid: () => '123e4567-e89b-12d3-a456-426614174000',
  random: () => 0.5,
  ...over,
});

describe('payload templates', () => {
  it('expands every variable', () => {
    const result = expandTemplate(
      '{"t":{{timestamp}},"iso":"{{iso}}","id":"{{uuid}}","n":{{counter}},"r":{{random(1,10)}},"c":"{{clientId}}"}',
      ctx(),
    );
    expect(result).toEqual({
      ok: true,
      expanded: true,
      text: '{"t":1795696200123,"iso":"2026-11-26T12:30:00.123Z","id":"123e4567-e89b-12d3-a456-426614174000","n":7,"r":6,"c":"mqscope-abc"}',
    });
  });

  it('allows spaces inside the braces and repeats', () => {
    expect(expandTemplate('{{ counter }}-{{counter}}', ctx({ counter: 3 }))).toMatchObject({ text: '3-3' });
  });

  it('keeps random() within its inclusive bounds, integers or decimals', () => {
    expect(expandTemplate('{{random(1,10)}}', ctx({ random: () => 0 }))).toMatchObject({ text: '1' });
    expect(expandTemplate('{{random(1,10)}}', ctx({ random: () => 0.9999 }))).toMatchObject({ text: '10' });
    expect(expandTemplate('{{random(-5,-5)}}', ctx())).toMatchObject({ text: '-5' });
    expect(expandTemplate('{{random(0.5,1.5)}}', ctx({ random: () => 0.5 }))).toMatchObject({ text: '1.00' });
  });

  it('refuses an unknown variable with its position, instead of sending it literally', () => {
    const result = expandTemplate('{\n  "a": {{nope}}\n}', ctx());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.index).toBe(9);
    // Issue 14 #2: a key with the variable and its position, worded in the renderer.
    expect(result.text).toMatchObject({
      key: 'template.unknown',
      params: { name: '{{nope}}', line: 2, column: 8 },
    });
    expect(englishOf(result.text)).toContain('{{nope}} is not a template variable');
    expect(englishOf(result.text)).toContain('line 2, column 8');
  });

  it('refuses malformed random() calls', () => {
    expect(expandTemplate('{{random(1)}}', ctx())).toMatchObject({ ok: false });
    expect(expandTemplate('{{random(5,1)}}', ctx())).toMatchObject({
      ok: false,
      text: { key: 'template.minAboveMax', params: expect.objectContaining({ name: '{{random(5,1)}}' }) },
    });
  });

  it('writes a literal {{ for \\{{ and leaves single braces and plain text alone', () => {
    expect(expandTemplate('\\{{name}} {"a":{"b":1}}', ctx())).toMatchObject({
      ok: true,
      text: '{{name}} {"a":{"b":1}}',
    });
    expect(expandTemplate('plain', ctx())).toEqual({ ok: true, text: 'plain', expanded: false });
    expect(hasTemplate('{"a":{"b":1}}')).toBe(false);
    expect(hasTemplate('{{uuid}}')).toBe(true);
  });

  it('counts {{counter}} up across a repeat, one value per message', () => {
    const texts = [1, 2, 3].map((counter) => expandTemplate('n={{counter}}', ctx({ counter })));
    expect(texts.map((t) => (t.ok ? t.text : t.text.key))).toEqual(['n=1', 'n=2', 'n=3']);
  });
});
