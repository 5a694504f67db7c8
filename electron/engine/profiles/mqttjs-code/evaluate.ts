/**
 * Reads literal values out of an acorn AST, without running anything: strings, numbers,
 * booleans, `+ - * /` of them, arrays and objects of them, `const` names bound to them, template strings made
 * of them, `Buffer.from('..', 'hex')` and `readFileSync('path')`. Anything else is an
 * Opaque value: the code computes it at run time, and the user has to fill it in.
 */
import type { AnyNode, Expression, SpreadElement } from 'acorn';

export class Opaque {
  constructor(
    readonly node: AnyNode,
    readonly source: string,
  ) {}
}

/** `readFileSync('ca.pem')`: a file the user's code reads. */
export class FileRef {
  constructor(readonly path: string) {}
}

/** `Buffer.from(text, encoding)`: bytes written as text. */
export class BytesRef {
  constructor(
    readonly format: 'text' | 'hex' | 'base64',
    readonly text: string,
  ) {}
}

export type JsValue =
  string | number | boolean | null | undefined | Opaque | FileRef | BytesRef | JsValue[] | JsObject;

/** Object literals keep each property's node, for line numbers in the lint. */
export class JsObject {
  readonly entries = new Map<string, { value: JsValue; node: AnyNode }>();
  readonly opaqueKeys: Opaque[] = [];
}

export class Evaluator {
  private readonly resolving = new Set<string>();

  constructor(
    private readonly code: string,
    /** Top-level `const`/`let`/`var` names with their initializers. */
    private readonly bindings: Map<string, Expression>,
  ) {}

  source(node: AnyNode): string {
    return this.code.slice(node.start, node.end);
  }

  evaluate(node: Expression | SpreadElement): JsValue {
    switch (node.type) {
      case 'Literal':
        if (
          typeof node.value === 'string' ||
          typeof node.value === 'number' ||
          typeof node.value === 'boolean'
        ) {
          return node.value;
        }
        return node.value === null && node.raw === 'null' ? null : new Opaque(node, this.source(node));
      case 'TemplateLiteral': {
        let text = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const part = this.evaluate(node.expressions[i] as Expression);
          if (typeof part !== 'string' && typeof part !== 'number' && typeof part !== 'boolean') {
            return new Opaque(node, this.source(node));
          }
          text += String(part) + (node.quasis[i + 1]?.value.cooked ?? '');
        }
        return text;
      }
      case 'UnaryExpression': {
        const inner = this.evaluate(node.argument);
        if (node.operator === '-' && typeof inner === 'number') return -inner;
        if (node.operator === '!' && typeof inner === 'number') return !inner; // `!0` / `!1`, minified code
        return new Opaque(node, this.source(node));
      }
      case 'BinaryExpression': {
        // `30 * 1000`, `'mqtt://' + host`: arithmetic and joins of constants people write inline.
        if (node.left.type === 'PrivateIdentifier') return new Opaque(node, this.source(node));
        const left = this.evaluate(node.left);
        const right = this.evaluate(node.right);
        if (typeof left === 'number' && typeof right === 'number') {
          if (node.operator === '*') return left * right;
          if (node.operator === '+') return left + right;
          if (node.operator === '-') return left - right;
          if (node.operator === '/') return left / right;
        }
        if (node.operator === '+' && (typeof left === 'string' || typeof right === 'string')) {
          const plain = (v: JsValue) => typeof v === 'string' || typeof v === 'number';
          if (plain(left) && plain(right)) return String(left) + String(right);
        }
        return new Opaque(node, this.source(node));
      }
      case 'Identifier':
        if (node.name === 'undefined') return undefined;
        return this.resolve(node.name, node);
      case 'ArrayExpression':
        return node.elements.map((element) => (element ? this.evaluate(element) : undefined));
      case 'ObjectExpression': {
        const object = new JsObject();
        for (const property of node.properties) {
          if (property.type === 'SpreadElement' || property.computed || property.kind !== 'init') {
            object.opaqueKeys.push(new Opaque(property, this.source(property)));
            continue;
          }
          const key =
            property.key.type === 'Identifier'
              ? property.key.name
              : property.key.type === 'Literal'
                ? String(property.key.value)
                : null;
          if (key === null) {
            object.opaqueKeys.push(new Opaque(property, this.source(property)));
            continue;
          }
          object.entries.set(key, { value: this.evaluate(property.value), node: property });
        }
        return object;
      }
      case 'CallExpression':
        return this.call(node) ?? new Opaque(node, this.source(node));
      default:
        return new Opaque(node, this.source(node));
    }
  }

  private resolve(name: string, node: AnyNode): JsValue {
    const init = this.bindings.get(name);
    if (!init || this.resolving.has(name)) return new Opaque(node, this.source(node));
    this.resolving.add(name);
    try {
      const value = this.evaluate(init);
      // A name bound to something computed reads better as the name ("payload") than the expression.
      return value instanceof Opaque ? new Opaque(node, this.source(node)) : value;
    } finally {
      this.resolving.delete(name);
    }
  }

  private call(node: Extract<AnyNode, { type: 'CallExpression' }>): JsValue | null {
    const callee = node.callee;
    const name =
      callee.type === 'Identifier'
        ? callee.name
        : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
          ? `${callee.object.type === 'Identifier' ? callee.object.name : '?'}.${callee.property.name}`
          : null;
    const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? null : this.evaluate(a)));
    if ((name === 'readFileSync' || name === 'fs.readFileSync') && typeof args[0] === 'string') {
      return new FileRef(args[0]);
    }
    if (name === 'Buffer.from' && typeof args[0] === 'string') {
      const encoding = args[1] === undefined ? 'utf8' : args[1];
      if (encoding === 'hex' || encoding === 'base64') return new BytesRef(encoding, args[0]);
      if (encoding === 'utf8' || encoding === 'utf-8') return new BytesRef('text', args[0]);
    }
    return null;
  }
}
