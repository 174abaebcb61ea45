/**
 * Parser of the `q` query language:
 *
 *   query     := or
 *   or        := and (',' and)*
 *   and       := term (';' term)*
 *   term      := '(' or ')' | condition
 *   condition := field operator value
 *
 * `;` binds tighter than `,`, as AND does in SQL. Field names are word characters and dots (`os.name`); the
 * operator is one or two of `= ! < > ~` (validity is checked later, so that `==` is reported as a bad operator,
 * 1409, not as bad syntax); the value is a run of word characters, spaces and `- . : ? \ / ' " = @ % < > { } $`,
 * plus balanced `( )` and `[ ]` groups (inside brackets a `,` is part of the value). This is the character set
 * Wazuh accepts; anything else, an empty value or unbalanced parentheses is error 1407.
 *
 * The parser knows nothing about fields: it only builds the tree.
 */
import { WazuhError } from '../errors';
import type { QueryCondition, QueryGroup, QueryNode } from './types';

const FIELD_CHAR = /[\p{L}\p{N}\p{M}_.]/u;
const OPERATOR_CHAR = /[=!<>~]/;
const VALUE_CHAR = /[\p{L}\p{N}\p{M}_ \-.:?\\/'"=@%<>{}$]/u;

class Parser {
  private pos = 0;
  private readonly chars: string[];

  constructor(private readonly text: string) {
    // Code points, so that a character outside the BMP counts as one.
    this.chars = Array.from(text);
  }

  parse(): QueryNode {
    const node = this.parseOr();
    this.skipSpaces();
    if (this.pos < this.chars.length) this.fail();
    return node;
  }

  private fail(): never {
    throw new WazuhError(1407, { extra: this.text });
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek() === ',') {
      this.pos++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : ({ type: 'or', children } satisfies QueryGroup);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseTerm()];
    while (this.peek() === ';') {
      this.pos++;
      children.push(this.parseTerm());
    }
    return children.length === 1 ? children[0] : ({ type: 'and', children } satisfies QueryGroup);
  }

  private parseTerm(): QueryNode {
    this.skipSpaces();
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.skipSpaces();
      if (this.peek() !== ')') this.fail();
      this.pos++;
      this.skipSpaces();
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): QueryCondition {
    const field = this.take(FIELD_CHAR);
    if (field === '') this.fail();
    const operator = this.takeOperator();
    if (operator === '') this.fail();
    const value = this.takeValue();
    if (value === '') this.fail();
    return { type: 'condition', field, operator, value };
  }

  private take(allowed: RegExp): string {
    const start = this.pos;
    while (this.pos < this.chars.length && allowed.test(this.chars[this.pos])) this.pos++;
    return this.chars.slice(start, this.pos).join('');
  }

  private takeOperator(): string {
    const start = this.pos;
    while (this.pos - start < 2 && this.pos < this.chars.length && OPERATOR_CHAR.test(this.chars[this.pos])) this.pos++;
    return this.chars.slice(start, this.pos).join('');
  }

  /** Reads up to the `,` / `;` / `)` that ends the condition, keeping balanced groups inside the value. */
  private takeValue(): string {
    const start = this.pos;
    const open: string[] = [];
    for (; this.pos < this.chars.length; this.pos++) {
      const ch = this.chars[this.pos];
      if (ch === '(' || ch === '[') {
        open.push(ch === '(' ? ')' : ']');
      } else if (ch === ')' || ch === ']') {
        if (open.length === 0) {
          if (ch === ')') break; // closes an enclosing group of the query
          this.fail();
        }
        if (open.pop() !== ch) this.fail();
      } else if (ch === ',' && open[open.length - 1] === ']') {
        // a comma inside brackets belongs to the value
      } else if (ch === ',' || ch === ';') {
        if (open.length > 0) this.fail();
        break;
      } else if (!VALUE_CHAR.test(ch)) {
        this.fail();
      }
    }
    if (open.length > 0) this.fail();
    return this.chars.slice(start, this.pos).join('');
  }
}

/**
 * Parses a `q` string into a condition tree. An empty (or blank) string gives `undefined`. Bad syntax throws
 * WazuhError 1407 with the query as extra text.
 */
export function parseQuery(q: string): QueryNode | undefined {
  const text = q.trim();
  if (text === '') return undefined;
  return new Parser(text).parse();
}
