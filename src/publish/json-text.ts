/**
 * Format and minify JSON text without parsing it into values: JSON.parse + stringify would
 * round big integers (12345678901234567890) and rewrite numbers (1.50 → 1.5), and a
 * debugging tool must send what the user wrote. Only whitespace outside strings changes.
 * Callers check the text is valid JSON first.
 */

function* tokens(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      yield text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ('{}[],:'.includes(ch)) {
      yield ch;
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s{}[\],:"]/.test(text[j] ?? '')) j++;
    yield text.slice(i, j);
    i = j;
  }
}

export function minifyJson(text: string): string {
  let out = '';
  for (const token of tokens(text)) out += token;
  return out;
}

export function formatJson(text: string, indent = '  '): string {
  const all = [...tokens(text)];
  let out = '';
  let depth = 0;
  const newline = () => `\n${indent.repeat(depth)}`;
  for (let i = 0; i < all.length; i++) {
    const token = all[i] ?? '';
    const next = all[i + 1];
    if (token === '{' || token === '[') {
      // Empty containers stay on one line: {} and [].
      if (next === '}' || next === ']') {
        out += token + next;
        i++;
        continue;
      }
      depth++;
      out += token + newline();
    } else if (token === '}' || token === ']') {
      depth--;
      out += newline() + token;
    } else if (token === ',') {
      out += `,${newline()}`;
    } else if (token === ':') {
      out += ': ';
    } else {
      out += token;
    }
  }
  return out;
}
