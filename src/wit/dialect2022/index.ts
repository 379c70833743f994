/**
 * wit-bindgen's 2022 WIT dialect, as the wasmCloud component-model proof of concept wrote it:
 * one interface per file, no `package`, `use * from x`, `name: function(...) -> expected<T, E>`.
 *
 * `parseDialect2022` reads the files of one such package into the modern syntax tree, so the
 * ordinary resolver handles them: each file becomes an interface named after the file, inside a
 * package named by `options.package` (default `witbus:seed`, the name `witbus migrate` also uses).
 */
import type { PackageFile, PackageName, Span } from '../syntax/ast.ts';
import { WitError } from '../diagnostic.ts';
import { isValidId, LexError, tokenize, type Token } from './lex.ts';
import { parseFile2022 } from './parse.ts';
import { toPackageFile } from './to-ast.ts';

export const DEFAULT_DIALECT2022_PACKAGE = 'witbus:seed';

export interface Dialect2022Options {
  /** `namespace:name` or `namespace:name@version` of the synthesized package. */
  package?: string;
}

/**
 * Whether `text` is written in the 2022 dialect. Decided by the first item, since the two dialects
 * disagree there: a modern file starts with `package`, `interface`, `world`, an attribute or a
 * `use a:b/c;` path, while a 2022 file starts with `use *`, `use {`, a type definition, or
 * `name:` (a function). A file that does not tokenize, or holds only comments, is not 2022.
 */
export function isDialect2022(text: string): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(text).filter((t) => t.kind !== 'comment');
  } catch (e) {
    if (e instanceof LexError) return false;
    throw e;
  }
  const [first, second] = tokens;
  if (first === undefined) return false;
  if (first.kind === 'id' || first.kind === 'explicit-id') return second?.kind === ':';
  if (first.kind !== 'keyword') return false;
  switch (first.text) {
    case 'use':
      return second?.kind === '*' || second?.kind === '{';
    case 'type':
    case 'record':
    case 'flags':
    case 'variant':
    case 'enum':
    case 'union':
    case 'resource':
      return true;
    default:
      return false;
  }
}

/** Parses the files of one 2022-dialect package; `file` indexes the caller's `SourceMap`. */
export function parseDialect2022(
  files: { file: number; name: string; text: string }[],
  options: Dialect2022Options = {},
): PackageFile {
  const anchor: Span = { file: files[0]?.file ?? 0, start: 0, end: 0 };
  const parsed = files.map((f) => {
    const name = interfaceName(f.name);
    if (!isValidId(name)) {
      throw new WitError({ file: f.file, start: 0, end: 0 }, `file name \`${f.name}\` is not a kebab-case interface name`);
    }
    return { file: f.file, name, parsed: parseFile2022(f.file, f.text) };
  });
  return toPackageFile(parsed, packageName(options.package ?? DEFAULT_DIALECT2022_PACKAGE, anchor));
}

function isSemver(version: string | undefined): boolean {
  return version === undefined || /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version);
}

/** `dir/wasmbus-sender.wit` → `wasmbus-sender`. */
function interfaceName(fileName: string): string {
  const base = fileName.slice(fileName.replace(/\\/g, '/').lastIndexOf('/') + 1);
  return base.endsWith('.wit') ? base.slice(0, -'.wit'.length) : base;
}

function packageName(text: string, span: Span): PackageName {
  const match = /^([^:@]+):([^:@]+)(?:@(.+))?$/.exec(text);
  if (!match || !isValidId(match[1]!) || !isValidId(match[2]!) || !isSemver(match[3])) {
    // A bad option, not a bad source file: there is no span to point at.
    throw new RangeError(`invalid package name '${text}': expected namespace:name[@version]`);
  }
  return {
    docs: { comments: [], span },
    span,
    namespace: { name: match[1]!, span },
    name: { name: match[2]!, span },
    version: match[3] === undefined ? null : { text: match[3], span },
  };
}
