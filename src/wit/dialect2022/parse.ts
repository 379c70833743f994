/**
 * Parses one file of wit-bindgen's 2022 WIT dialect (its crates/parser/src/ast.rs grammar) into
 * the modern syntax tree's shapes. `use` items stay separate: a `use * from x` can only be
 * expanded once every sibling file is parsed (see to-ast.ts).
 *
 *   item     := use | typedef | resource | value
 *   use      := 'use' ('*' | '{' name (as name)? (',' ...)* '}') 'from' id
 *   value    := id ':' ('async')? ('function' | 'func') '(' params ')' ('->' type)?
 *   resource := 'resource' id ('{' ('static'? value)* '}')?
 */
import type {
  Case,
  Docs,
  EnumCase,
  Field,
  Flag,
  Id,
  InterfaceItem,
  NamedFunc,
  Param,
  ResourceFunc,
  Span,
  TypeDef,
  TypeExpr,
} from '../syntax/ast.ts';
import { isValidId, LexError, tokenize, type Token, type TokenKind } from './lex.ts';
import { WitError } from '../diagnostic.ts';

/** A `use` of the 2022 dialect; `names` is null for `use * from x`. */
export interface Use2022 {
  /** The `use` keyword. */
  span: Span;
  /** The `*` of a star import. */
  star: Span | null;
  names: { name: Id; as: Id | null }[] | null;
  from: Id;
}

export interface File2022 {
  uses: Use2022[];
  /** Type and function definitions, in source order. */
  items: InterfaceItem[];
}

export function parseFile2022(file: number, text: string): File2022 {
  return new Parser(file, text).parseFile();
}

const PRIMITIVES: Readonly<Record<string, TypeExpr['kind']>> = {
  bool: 'bool', u8: 'u8', u16: 'u16', u32: 'u32', u64: 'u64', s8: 's8', s16: 's16', s32: 's32',
  s64: 's64', float32: 'f32', float64: 'f64', char: 'char', string: 'string',
};

/** A type expression, or the 2022 `unit` type, which modern WIT spells by omission. */
type Type2022 = TypeExpr | { kind: 'unit'; span: Span };

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(
    private readonly file: number,
    private readonly text: string,
  ) {
    try {
      this.tokens = tokenize(text);
    } catch (e) {
      if (!(e instanceof LexError)) throw e;
      throw new WitError(this.span(e.offset, e.offset + 1), e.message);
    }
  }

  parseFile(): File2022 {
    const uses: Use2022[] = [];
    const items: InterfaceItem[] = [];
    for (;;) {
      const docs = this.docs();
      const next = this.peek();
      if (next === undefined) return { uses, items };
      if (isKeyword(next, 'use')) uses.push(this.use());
      else items.push(this.item(docs, next));
    }
  }

  private item(docs: Docs, next: Token): InterfaceItem {
    if (next.kind === 'id' || next.kind === 'explicit-id') {
      return { kind: 'func', func: this.value(docs) };
    }
    if (next.kind === 'keyword') {
      switch (next.text) {
        case 'type':
          return this.typedef(docs, () => {
            this.expect('=');
            return { kind: 'alias', type: this.plainType('a type alias') };
          });
        case 'record':
          return this.typedef(docs, (name) => ({
            kind: 'record',
            span: name.span,
            fields: this.list('{', '}', (d): Field => {
              const fieldName = this.id();
              this.expect(':');
              return { docs: d, name: fieldName, type: this.plainType('a record field') };
            }),
          }));
        case 'flags':
          return this.typedef(docs, (name) => ({
            kind: 'flags',
            span: name.span,
            flags: this.list('{', '}', (d): Flag => ({ docs: d, name: this.id() })),
          }));
        case 'enum':
          return this.typedef(docs, (name) => ({
            kind: 'enum',
            span: name.span,
            cases: this.list('{', '}', (d): EnumCase => ({ docs: d, name: this.id() })),
          }));
        case 'variant':
          return this.typedef(docs, (name) => ({
            kind: 'variant',
            span: name.span,
            cases: this.list('{', '}', (d): Case => {
              const caseName = this.id();
              let type: TypeExpr | null = null;
              if (this.eat('(')) {
                type = this.optionalType();
                this.expect(')');
              }
              return { docs: d, name: caseName, type };
            }),
          }));
        case 'union':
          // Modern WIT has no unions: a union becomes a variant with cases v0, v1, ...
          return this.typedef(docs, (name) => ({
            kind: 'variant',
            span: name.span,
            cases: this.list('{', '}', (d, i): Case => {
              const type = this.plainType('a union case');
              return { docs: d, name: { name: `v${i}`, span: type.span }, type };
            }),
          }));
        case 'resource':
          return this.typedef(docs, (name) => ({
            kind: 'resource',
            span: name.span,
            funcs: this.peekIs('{') ? this.resourceFuncs() : [],
          }));
      }
    }
    throw this.error(next, 'expected `use`, a type definition, `resource` or a function');
  }

  private typedef(docs: Docs, body: (name: Id) => TypeDef['body']): InterfaceItem {
    this.next();
    const name = this.id();
    const typedef: TypeDef = { docs, attributes: [], name, body: body(name) };
    return { kind: 'type', typedef };
  }

  private use(): Use2022 {
    const keyword = this.next()!;
    let star: Span | null = null;
    let names: Use2022['names'] = null;
    const starToken = this.peek();
    if (starToken !== undefined && starToken.kind === '*') {
      this.next();
      star = this.tokenSpan(starToken);
    } else {
      names = this.list('{', '}', () => {
        const name = this.id();
        return { name, as: this.eatKeyword('as') ? this.id() : null };
      });
    }
    this.expectKeyword('from');
    const from = this.id();
    if (this.peekIs(':')) {
      throw this.error(this.peek()!, 'paths into other packages (`a::b`) are not supported');
    }
    return { span: this.tokenSpan(keyword), star, names, from };
  }

  private resourceFuncs(): ResourceFunc[] {
    this.expect('{');
    const funcs: ResourceFunc[] = [];
    for (;;) {
      const docs = this.docs();
      if (this.eat('}')) return funcs;
      const kind = this.eatKeyword('static') ? 'static' : 'method';
      funcs.push({ kind, func: this.value(docs) });
    }
  }

  /** `name: function(params) -> type`; `unit` results become no result. */
  private value(docs: Docs): NamedFunc {
    const name = this.id();
    this.expect(':');
    const isAsync = this.eatKeyword('async');
    const keyword = this.peek();
    if (keyword === undefined || !(isKeyword(keyword, 'function') || isKeyword(keyword, 'func'))) {
      throw this.error(keyword, 'expected `function`: values other than functions are not supported');
    }
    this.next();
    const params = this.list('(', ')', (): Param => {
      const paramName = this.id();
      this.expect(':');
      return { name: paramName, type: this.plainType('a parameter') };
    });
    const result = this.eat('->') ? this.optionalType() : null;
    return {
      docs,
      attributes: [],
      name,
      func: { span: this.tokenSpan(keyword), async: isAsync, params, result },
    };
  }

  /** A type where `unit` means "nothing": a result, a variant payload, an `expected` side. */
  private optionalType(): TypeExpr | null {
    const ty = this.type();
    return ty.kind === 'unit' ? null : ty;
  }

  /** A type where modern WIT has no way to say `unit`. */
  private plainType(where: string): TypeExpr {
    const ty = this.type();
    if (ty.kind === 'unit') {
      throw new WitError(ty.span, `\`unit\` cannot be used as ${where} in modern WIT`);
    }
    return ty;
  }

  private type(): Type2022 {
    const token = this.next();
    if (token === undefined) throw this.error(token, 'expected a type');
    const span = this.tokenSpan(token);
    if (token.kind === 'id' || token.kind === 'explicit-id') {
      this.pos -= 1;
      const name = this.id();
      return { kind: 'name', name, span: name.span };
    }
    if (token.kind !== 'keyword') throw this.error(token, 'expected a type');
    const primitive = PRIMITIVES[token.text];
    if (primitive !== undefined) return { kind: primitive, span } as TypeExpr;
    switch (token.text) {
      case 'unit':
        return { kind: 'unit', span };
      case 'handle': {
        const resource = this.id();
        return { kind: 'handle', span: resource.span, handle: 'own', resource };
      }
      case 'list':
        return { kind: 'list', span, element: this.angle(() => this.plainType('a list element')) };
      case 'option':
        return { kind: 'option', span, type: this.angle(() => this.plainType('an option payload')) };
      case 'tuple':
        return { kind: 'tuple', span, types: this.list('<', '>', () => this.plainType('a tuple element')) };
      case 'expected':
        return this.angle(() => {
          const ok = this.optionalType();
          this.expect(',');
          const err = this.optionalType();
          return { kind: 'result', span, ok, err };
        });
    }
    throw this.error(token, 'expected a type');
  }

  private angle<T>(inner: () => T): T {
    this.expect('<');
    const value = inner();
    this.expect('>');
    return value;
  }

  /** `start item (, item)* ,? end`, with the doc comments in front of each item. */
  private list<T>(start: TokenKind, end: TokenKind, item: (docs: Docs, index: number) => T): T[] {
    this.expect(start);
    const items: T[] = [];
    for (;;) {
      const docs = this.docs();
      if (this.eat(end)) return items;
      items.push(item(docs, items.length));
      if (!this.eat(',')) {
        this.docs();
        this.expect(end);
        return items;
      }
    }
  }

  private id(): Id {
    const token = this.next();
    if (token === undefined || (token.kind !== 'id' && token.kind !== 'explicit-id')) {
      throw this.error(token, 'expected an identifier');
    }
    const span = this.tokenSpan(token);
    if (!isValidId(token.text)) {
      throw new WitError(span, `identifier \`${token.text}\` is not kebab-case`);
    }
    return { name: token.text, span };
  }

  /** Consumes the comments in front of the next token, as wit-bindgen's `parse_docs` does. */
  private docs(): Docs {
    const comments: Token[] = [];
    while (this.tokens[this.pos]?.kind === 'comment') comments.push(this.tokens[this.pos++]!);
    if (comments.length === 0) return { comments: [], span: this.span(0, 0) };
    const first = comments[0]!;
    const last = comments[comments.length - 1]!;
    return {
      comments: comments.map((c) => c.text),
      span: this.span(first.start, first.start + this.text.slice(first.start, last.end).trimEnd().length),
    };
  }

  private peek(): Token | undefined {
    let i = this.pos;
    while (this.tokens[i]?.kind === 'comment') i += 1;
    return this.tokens[i];
  }

  private next(): Token | undefined {
    while (this.tokens[this.pos]?.kind === 'comment') this.pos += 1;
    const token = this.tokens[this.pos];
    if (token !== undefined) this.pos += 1;
    return token;
  }

  private peekIs(kind: TokenKind): boolean {
    return this.peek()?.kind === kind;
  }

  private eat(kind: TokenKind): boolean {
    if (!this.peekIs(kind)) return false;
    this.next();
    return true;
  }

  private eatKeyword(word: string): boolean {
    const token = this.peek();
    if (token === undefined || !isKeyword(token, word)) return false;
    this.next();
    return true;
  }

  private expect(kind: TokenKind): void {
    const token = this.next();
    if (token?.kind !== kind) throw this.error(token, `expected '${kind}'`);
  }

  private expectKeyword(word: string): void {
    const token = this.next();
    if (token === undefined || !isKeyword(token, word)) throw this.error(token, `expected \`${word}\``);
  }

  private error(token: Token | undefined, message: string): WitError {
    const found = token === undefined ? 'end of file' : `\`${token.text}\``;
    const span =
      token === undefined ? this.span(this.text.length, this.text.length) : this.tokenSpan(token);
    return new WitError(span, `${message}, found ${found}`);
  }

  private tokenSpan(token: Token): Span {
    return this.span(token.start, token.end);
  }

  private span(start: number, end: number): Span {
    return { file: this.file, start, end };
  }
}

function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'keyword' && token.text === word;
}
