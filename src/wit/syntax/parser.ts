/**
 * Recursive-descent parser for modern WIT, following wit-parser's `ast.rs` production by
 * production so that the same input fails with the same message at the same place.
 *
 * Errors come in two shapes, as in wit-parser: `Tokenizer.expect` failures are lexer errors that
 * point at one character, while `expectedError` (wit-parser's `err_expected`) points at the whole
 * offending token. Nesting of packages and of type expressions is bounded as in wit-parser, so
 * hostile input cannot overflow the stack.
 */
import { WitError } from '../diagnostic.ts';
import type {
  AstItem,
  Attribute,
  Docs,
  ExternKind,
  Func,
  Id,
  Include,
  IncludeName,
  Interface,
  InterfaceItem,
  NamedFunc,
  PackageFile,
  PackageName,
  Param,
  ResourceFunc,
  ToplevelUse,
  TypeDef,
  TypeExpr,
  Use,
  UseName,
  UsePath,
  Version,
  World,
  WorldItem,
} from './ast.ts';
import { Tokenizer, describeToken, type Token, type TokenKind } from './lexer.ts';
import { semverError } from './semver.ts';

/** wit-parser rejects more than this many nested `package x:y { ... }` blocks. */
const MAX_PACKAGE_DEPTH = 100;
/** wit-parser rejects a type expression nested this deep (`option<option<...>>`). */
const MAX_TYPE_DEPTH = 100;

/** Parses one `.wit` file (index `file` in the caller's `SourceMap`). Throws `WitError`. */
export function parseWitFile(file: number, text: string): PackageFile {
  const tokens = Tokenizer.create(file, text);
  const peek = tokens.clone();
  const docs = parseDocs(peek);
  let pkg: PackageName | null = null;
  // `package a:b;` is the file's header; `package a:b { ... }` is a nested package item instead.
  if (peek.eat('package')) {
    const name = parsePackageName(peek, docs);
    if (peek.eat(';')) {
      tokens.reset(peek);
      pkg = name;
    }
  }
  return { package: pkg, items: parseDeclList(tokens, null, 0) };
}

function parseDeclList(tokens: Tokenizer, end: TokenKind | null, depth: number): AstItem[] {
  const items: AstItem[] = [];
  let docs = parseDocs(tokens);
  for (;;) {
    if (end !== null) {
      if (tokens.eat(end)) break;
    } else if (tokens.clone().next() === null) {
      break;
    }
    items.push(parseAstItem(tokens, docs, depth));
    docs = parseDocs(tokens);
  }
  return items;
}

function parseAstItem(tokens: Tokenizer, docs: Docs, depth: number): AstItem {
  const attributes = parseAttributes(tokens);
  const next = tokens.clone().next();
  switch (next?.kind) {
    case 'interface':
      return { kind: 'interface', interface: parseInterface(tokens, docs, attributes) };
    case 'world':
      return { kind: 'world', world: parseWorld(tokens, docs, attributes) };
    case 'use':
      return { kind: 'use', use: parseToplevelUse(tokens, attributes) };
    case 'package':
      return parseNestedPackage(tokens, docs, attributes, depth + 1);
    default:
      throw expectedError(tokens, '`world`, `interface` or `use`', next ?? null);
  }
}

function parseNestedPackage(tokens: Tokenizer, docs: Docs, attributes: Attribute[], depth: number): AstItem {
  const span = tokens.expect('package');
  if (depth > MAX_PACKAGE_DEPTH) throw new WitError(span, 'package nesting too deep');
  if (attributes.length > 0) {
    throw new WitError(span, 'cannot place attributes on nested packages');
  }
  const name = parsePackageName(tokens, docs);
  tokens.expect('{');
  const items = parseDeclList(tokens, '}', depth);
  return { kind: 'package', package: { package: name, items }, span };
}

function parsePackageName(tokens: Tokenizer, docs: Docs): PackageName {
  const namespace = parseId(tokens);
  tokens.expect(':');
  const name = parseId(tokens);
  const version = parseOptVersion(tokens);
  const end = version === null ? name.span.end : version.span.end;
  return { docs, span: tokens.span(namespace.span.start, end), namespace, name, version };
}

function parseToplevelUse(tokens: Tokenizer, attributes: Attribute[]): ToplevelUse {
  const span = tokens.expect('use');
  const item = parseUsePath(tokens);
  const as = tokens.eat('as') ? parseId(tokens) : null;
  tokens.expectSemicolon();
  return { span, attributes, item, as };
}

function parseWorld(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): World {
  tokens.expect('world');
  const name = parseId(tokens);
  tokens.expect('{');
  const items: WorldItem[] = [];
  for (;;) {
    const itemDocs = parseDocs(tokens);
    if (tokens.eat('}')) break;
    const itemAttributes = parseAttributes(tokens);
    items.push(parseWorldItem(tokens, itemDocs, itemAttributes));
  }
  return { docs, attributes, name, items };
}

function parseWorldItem(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): WorldItem {
  const next = tokens.clone().next();
  switch (next?.kind) {
    case 'import':
      tokens.expect('import');
      return { kind: 'import', docs, attributes, extern: parseExternKind(tokens) };
    case 'export':
      tokens.expect('export');
      return { kind: 'export', docs, attributes, extern: parseExternKind(tokens) };
    case 'use':
      return { kind: 'use', use: parseUse(tokens, attributes) };
    case 'type':
    case 'flags':
    case 'resource':
    case 'record':
    case 'variant':
    case 'enum':
      return { kind: 'type', typedef: parseTypeDef(tokens, next.kind, docs, attributes) };
    case 'include':
      return { kind: 'include', include: parseInclude(tokens, attributes) };
    default:
      throw expectedError(tokens, '`import`, `export`, `include`, `use`, or type definition', next ?? null);
  }
}

function parseExternKind(tokens: Tokenizer): ExternKind {
  // Look ahead on a copy for `name: func`, `name: interface` and `label: path;`; a package path
  // (`ns:pkg/iface`) is reparsed from the start, as wit-parser does.
  const clone = tokens.clone();
  const name = parseId(clone);
  if (clone.eat(':')) {
    if (clone.clone().eat('func') || clone.clone().eat('async')) {
      tokens.reset(clone);
      const func = parseFunc(tokens);
      tokens.expectSemicolon();
      return { kind: 'func', name, func };
    }
    if (clone.eat('interface')) {
      tokens.reset(clone);
      return { kind: 'interface', name, items: parseInterfaceItems(tokens) };
    }
    if (!startsPackagePath(clone)) {
      tokens.reset(clone);
      const path = parseUsePath(tokens);
      tokens.expectSemicolon();
      return { kind: 'named-path', name, path };
    }
  }
  const path = parseUsePath(tokens);
  tokens.expectSemicolon();
  return { kind: 'path', path };
}

/** After `ns:`, whether `pkg/` follows, i.e. the colon belonged to a package path. */
function startsPackagePath(tokens: Tokenizer): boolean {
  const probe = tokens.clone();
  const first = probe.next();
  if (first === null || (first.kind !== 'id' && first.kind !== 'explicit-id')) return false;
  return probe.next()?.kind === '/';
}

function parseInterface(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): Interface {
  tokens.expect('interface');
  const name = parseId(tokens);
  return { docs, attributes, name, items: parseInterfaceItems(tokens) };
}

function parseInterfaceItems(tokens: Tokenizer): InterfaceItem[] {
  tokens.expect('{');
  const items: InterfaceItem[] = [];
  for (;;) {
    const docs = parseDocs(tokens);
    if (tokens.eat('}')) break;
    const attributes = parseAttributes(tokens);
    items.push(parseInterfaceItem(tokens, docs, attributes));
  }
  return items;
}

function parseInterfaceItem(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): InterfaceItem {
  const next = tokens.clone().next();
  switch (next?.kind) {
    case 'type':
    case 'flags':
    case 'enum':
    case 'variant':
    case 'resource':
    case 'record':
      return { kind: 'type', typedef: parseTypeDef(tokens, next.kind, docs, attributes) };
    case 'id':
    case 'explicit-id':
      return { kind: 'func', func: parseNamedFunc(tokens, docs, attributes) };
    case 'use':
      return { kind: 'use', use: parseUse(tokens, attributes) };
    default:
      throw expectedError(tokens, '`type`, `resource` or `func`', next ?? null);
  }
}

function parseUsePath(tokens: Tokenizer): UsePath {
  const id = parseId(tokens);
  if (!tokens.eat(':')) return { kind: 'id', id };
  const namespace = id;
  const pkgName = parseId(tokens);
  tokens.expect('/');
  const name = parseId(tokens);
  const version = parseOptVersion(tokens);
  const pkg: PackageName = {
    docs: emptyDocs(tokens),
    span: tokens.span(namespace.span.start, pkgName.span.end),
    namespace,
    name: pkgName,
    version,
  };
  return { kind: 'package', package: pkg, name };
}

function parseUse(tokens: Tokenizer, attributes: Attribute[]): Use {
  tokens.expect('use');
  const from = parseUsePath(tokens);
  tokens.expect('.');
  tokens.expect('{');
  const names: UseName[] = [];
  while (!tokens.eat('}')) {
    const name = parseId(tokens);
    const as = tokens.eat('as') ? parseId(tokens) : null;
    names.push({ name, as });
    if (!tokens.eat(',')) {
      tokens.expect('}');
      break;
    }
  }
  tokens.expectSemicolon();
  return { attributes, from, names };
}

function parseInclude(tokens: Tokenizer, attributes: Attribute[]): Include {
  const span = tokens.expect('include');
  const from = parseUsePath(tokens);
  let names: IncludeName[] = [];
  if (tokens.eat('with')) {
    names = parseList(tokens, '{', '}', () => {
      const name = parseId(tokens);
      tokens.expect('as');
      return { name, as: parseId(tokens) };
    });
  } else {
    tokens.expectSemicolon();
  }
  return { span, attributes, from, names };
}

function parseTypeDef(
  tokens: Tokenizer,
  keyword: 'type' | 'flags' | 'enum' | 'variant' | 'resource' | 'record',
  docs: Docs,
  attributes: Attribute[],
): TypeDef {
  tokens.expect(keyword);
  const name = parseId(tokens);
  const span = name.span;
  switch (keyword) {
    case 'type': {
      tokens.expect('=');
      const type = parseType(tokens, 0);
      tokens.expectSemicolon();
      return { docs, attributes, name, body: { kind: 'alias', type } };
    }
    case 'flags': {
      const flags = parseList(tokens, '{', '}', (flagDocs) => ({
        docs: flagDocs,
        name: parseId(tokens),
      }));
      return { docs, attributes, name, body: { kind: 'flags', span, flags } };
    }
    case 'enum': {
      const cases = parseList(tokens, '{', '}', (caseDocs) => ({
        docs: caseDocs,
        name: parseId(tokens),
      }));
      return { docs, attributes, name, body: { kind: 'enum', span, cases } };
    }
    case 'variant': {
      const cases = parseList(tokens, '{', '}', (caseDocs) => {
        const caseName = parseId(tokens);
        let type: TypeExpr | null = null;
        if (tokens.eat('(')) {
          type = parseType(tokens, 0);
          tokens.expect(')');
        }
        return { docs: caseDocs, name: caseName, type };
      });
      return { docs, attributes, name, body: { kind: 'variant', span, cases } };
    }
    case 'record': {
      const fields = parseList(tokens, '{', '}', (fieldDocs) => {
        const fieldName = parseId(tokens);
        tokens.expect(':');
        return { docs: fieldDocs, name: fieldName, type: parseType(tokens, 0) };
      });
      return { docs, attributes, name, body: { kind: 'record', span, fields } };
    }
    case 'resource': {
      const funcs: ResourceFunc[] = [];
      if (tokens.eat('{')) {
        while (!tokens.eat('}')) {
          const funcDocs = parseDocs(tokens);
          const funcAttributes = parseAttributes(tokens);
          funcs.push(parseResourceFunc(tokens, funcDocs, funcAttributes));
        }
      } else {
        tokens.expectSemicolon();
      }
      return { docs, attributes, name, body: { kind: 'resource', span, funcs } };
    }
  }
}

function parseResourceFunc(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): ResourceFunc {
  const next = tokens.clone().next();
  switch (next?.kind) {
    case 'constructor': {
      const span = tokens.expect('constructor');
      tokens.expect('(');
      const params = parseParams(tokens);
      const result = tokens.eat('->') ? parseType(tokens, 0) : null;
      tokens.expectSemicolon();
      const func: Func = { span, async: false, params, result };
      return {
        kind: 'constructor',
        func: { docs, attributes, name: { name: 'constructor', span }, func },
      };
    }
    case 'id':
    case 'explicit-id': {
      const name = parseId(tokens);
      tokens.expect(':');
      const kind = tokens.eat('static') ? 'static' : 'method';
      const func = parseFunc(tokens);
      tokens.expectSemicolon();
      return { kind, func: { docs, attributes, name, func } };
    }
    default:
      throw expectedError(tokens, '`constructor` or identifier', next ?? null);
  }
}

function parseNamedFunc(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): NamedFunc {
  const name = parseId(tokens);
  tokens.expect(':');
  const func = parseFunc(tokens);
  tokens.expectSemicolon();
  return { docs, attributes, name, func };
}

function parseFunc(tokens: Tokenizer): Func {
  const isAsync = tokens.eat('async');
  const span = tokens.expect('func');
  tokens.expect('(');
  const params = parseParams(tokens);
  const result = tokens.eat('->') ? parseType(tokens, 0) : null;
  return { span, async: isAsync, params, result };
}

/** `name: type, ...)` after the opening parenthesis. */
function parseParams(tokens: Tokenizer): Param[] {
  return parseListTrailer(tokens, ')', () => {
    const name = parseId(tokens);
    tokens.expect(':');
    return { name, type: parseType(tokens, 0) };
  });
}

function parseType(tokens: Tokenizer, depth: number): TypeExpr {
  // Like wit-parser, lex the token first, so a lexer error wins over the nesting limit.
  const token = tokens.next();
  if (depth >= MAX_TYPE_DEPTH) {
    throw new WitError(token?.span ?? tokens.eofSpan(), 'type nesting too deep');
  }
  if (token === null) throw expectedError(tokens, 'a type', null);
  const span = token.span;
  const inner = (): TypeExpr => parseType(tokens, depth + 1);
  switch (token.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64':
    case 'f32':
    case 'f64':
    case 'char':
    case 'bool':
    case 'string':
    case 'error-context':
      return { kind: token.kind, span };
    case 'tuple':
      return { kind: 'tuple', span, types: parseList(tokens, '<', '>', inner) };
    case 'list': {
      tokens.expect('<');
      const element = inner();
      if (tokens.eat(',')) {
        const length = parseFixedLength(tokens);
        tokens.expect('>');
        return { kind: 'fixed-length-list', span, element, length };
      }
      tokens.expect('>');
      return { kind: 'list', span, element };
    }
    case 'map': {
      tokens.expect('<');
      const key = inner();
      tokens.expect(',');
      const value = inner();
      tokens.expect('>');
      return { kind: 'map', span, key, value };
    }
    case 'option': {
      tokens.expect('<');
      const type = inner();
      tokens.expect('>');
      return { kind: 'option', span, type };
    }
    case 'result': {
      let ok: TypeExpr | null = null;
      let err: TypeExpr | null = null;
      if (tokens.eat('<')) {
        if (tokens.eat('_')) {
          tokens.expect(',');
          err = inner();
        } else {
          ok = inner();
          if (tokens.eat(',')) err = inner();
        }
        tokens.expect('>');
      }
      return { kind: 'result', span, ok, err };
    }
    case 'future':
    case 'stream': {
      let type: TypeExpr | null = null;
      if (tokens.eat('<')) {
        type = inner();
        tokens.expect('>');
      }
      return { kind: token.kind, span, type };
    }
    case 'own':
    case 'borrow': {
      tokens.expect('<');
      const resource = parseId(tokens);
      tokens.expect('>');
      return { kind: 'handle', span: resource.span, handle: token.kind, resource };
    }
    case 'id':
      return { kind: 'name', name: { name: tokens.parseId(span), span }, span };
    case 'explicit-id':
      return { kind: 'name', name: { name: tokens.parseExplicitId(span), span }, span };
    default:
      throw expectedError(tokens, 'a type', token);
  }
}

const U32_MAX = 0xffffffff;

function parseFixedLength(tokens: Tokenizer): number {
  const number = tokens.next();
  if (number === null || number.kind !== 'integer') {
    throw expectedError(tokens, 'fixed-length', number);
  }
  const text = tokens.slice(number.span);
  const value = Number(text);
  if (text.length > 10 || value > U32_MAX) {
    throw new WitError(number.span, 'invalid list size: number too large to fit in target type');
  }
  return value;
}

/** `start item, item, ... end` with an optional trailing comma. */
function parseList<T>(tokens: Tokenizer, start: TokenKind, end: TokenKind, parse: (docs: Docs) => T): T[] {
  tokens.expect(start);
  return parseListTrailer(tokens, end, parse);
}

function parseListTrailer<T>(tokens: Tokenizer, end: TokenKind, parse: (docs: Docs) => T): T[] {
  const items: T[] = [];
  for (;;) {
    const docs = parseDocs(tokens);
    if (tokens.eat(end)) break;
    items.push(parse(docs));
    if (!tokens.eat(',')) {
      tokens.expect(end);
      break;
    }
  }
  return items;
}

function parseId(tokens: Tokenizer): Id {
  const token = tokens.next();
  if (token?.kind === 'id') return { name: tokens.parseId(token.span), span: token.span };
  if (token?.kind === 'explicit-id') {
    return { name: tokens.parseExplicitId(token.span), span: token.span };
  }
  throw expectedError(tokens, 'an identifier or string', token);
}

/** An identifier that must read exactly `expected` (the keys of attribute arguments). */
function eatId(tokens: Tokenizer, expected: string): void {
  const id = parseId(tokens);
  if (id.name !== expected) {
    throw new WitError(id.span, `expected \`${expected}\`, found \`${id.name}\``);
  }
}

function parseOptVersion(tokens: Tokenizer): Version | null {
  return tokens.eat('@') ? parseVersion(tokens) : null;
}

/**
 * `major.minor.patch` then, loosely, any `-pre.release` and `+build.meta` parts; a `.` not followed
 * by a version part is left alone (it may be the `.` of `use a:b/c@1.0.0.{...}`). The text is then
 * checked as semver.
 */
function parseVersion(tokens: Tokenizer): Version {
  const start = tokens.expect('integer').start;
  tokens.expect('.');
  tokens.expect('integer');
  tokens.expect('.');
  let end = tokens.expect('integer').end;
  end = eatVersionParts(tokens, '-', end);
  end = eatVersionParts(tokens, '+', end);
  const span = tokens.span(start, end);
  const text = tokens.slice(span);
  const problem = semverError(text);
  if (problem !== null) throw new WitError(span, problem);
  return { text, span };
}

function isVersionPart(token: Token | null): token is Token {
  return token !== null && (token.kind === 'id' || token.kind === 'integer' || token.kind === '-');
}

function eatVersionParts(tokens: Tokenizer, prefix: TokenKind, end: number): number {
  if (!tokens.eat(prefix)) return end;
  let last = end;
  for (;;) {
    const clone = tokens.clone();
    let token = clone.next();
    if (token?.kind === '.') token = clone.next();
    if (!isVersionPart(token)) return last;
    last = token.span.end;
    tokens.reset(clone);
  }
}

function parseAttributes(tokens: Tokenizer): Attribute[] {
  const attributes: Attribute[] = [];
  while (tokens.eat('@')) {
    const id = parseId(tokens);
    switch (id.name) {
      case 'since':
      case 'deprecated': {
        tokens.expect('(');
        eatId(tokens, 'version');
        tokens.expect('=');
        const version = parseVersion(tokens);
        tokens.expect(')');
        attributes.push({ kind: id.name, span: id.span, version });
        break;
      }
      case 'unstable': {
        tokens.expect('(');
        eatId(tokens, 'feature');
        tokens.expect('=');
        const feature = parseId(tokens);
        tokens.expect(')');
        attributes.push({ kind: 'unstable', span: id.span, feature });
        break;
      }
      case 'external-id': {
        tokens.expect('(');
        const value = tokens.stringValue(tokens.expect('string-literal'));
        tokens.expect(')');
        attributes.push({ kind: 'external-id', span: id.span, value });
        break;
      }
      default:
        throw new WitError(id.span, `unknown attribute \`${id.name}\``);
    }
  }
  return attributes;
}

function emptyDocs(tokens: Tokenizer): Docs {
  return { comments: [], span: tokens.span(0, 0) };
}

const ASCII_WHITESPACE = new Set([' ', '\t', '\n', '\f', '\r']);

/** Collects the comments before the next token, as wit-parser's `parse_docs`. */
function parseDocs(tokens: Tokenizer): Docs {
  const docs = emptyDocs(tokens);
  const clone = tokens.clone();
  let started = false;
  for (let token = clone.nextRaw(); token !== null; token = clone.nextRaw()) {
    if (token.kind === 'comment') {
      const comment = tokens.slice(token.span);
      if (!started) {
        docs.span = tokens.span(token.span.start, token.span.start);
        started = true;
      }
      let trailing = 0;
      while (trailing < comment.length && ASCII_WHITESPACE.has(comment[comment.length - 1 - trailing]!)) {
        trailing++;
      }
      docs.span = tokens.span(docs.span.start, token.span.end - trailing);
      docs.comments.push(comment);
    } else if (token.kind !== 'whitespace') {
      break;
    }
    tokens.reset(clone);
  }
  return docs;
}

/** wit-parser's `err_expected`: points at the whole unexpected token (or at eof). */
function expectedError(tokens: Tokenizer, expected: string, found: Token | null): WitError {
  if (found === null) return new WitError(tokens.eofSpan(), `expected ${expected}, found eof`);
  return new WitError(found.span, `expected ${expected}, found ${describeToken(found.kind)}`);
}
