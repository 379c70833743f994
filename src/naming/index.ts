/**
 * Every naming rule in witbus, keyed by the kind of entity being named. Callers pass the WIT
 * name and the entity kind; nothing else in the project derives names on its own.
 *
 * - jco / componentize-js JS names follow js-component-bindgen (heck casing + `to_js_identifier`).
 * - Rust names follow wit-bindgen's Rust generator (`to_rust_ident`, `to_upper_camel_case`),
 *   which is what serde_derive sees and therefore what appears on the wire.
 * - serde `rename_all` rules live in `rename-rule.ts` and transform the Rust names.
 */
import type { Resolve, Type, TypeId } from '../wit/model.ts';
import { applyToField, applyToVariant, type RenameRule } from './rename-rule.ts';
import { lowerCamelCase, shoutySnakeCase, snakeCase, upperCamelCase } from './words.ts';

export { RENAME_RULES, isRenameRule, applyToField, applyToVariant } from './rename-rule.ts';
export type { RenameRule } from './rename-rule.ts';
export { splitWords, lowerCamelCase, upperCamelCase, snakeCase, shoutySnakeCase, kebabCase } from './words.ts';

/** The kinds of WIT entity that receive a JS name. */
export type JsEntity =
  | 'field'
  | 'flag'
  | 'param'
  | 'function'
  | 'interface'
  /** The ES module export through which componentize-js implements an exported interface. */
  | 'interface-export'
  | 'type'
  | 'variant-case'
  | 'enum-case';

/** The kinds of WIT entity that receive a Rust name from wit-bindgen. */
export type RustEntity = 'field' | 'param' | 'function' | 'type' | 'case' | 'flag';

/** JS reserved words jco refuses as identifiers (js-component-bindgen RESERVED_KEYWORDS). */
const JS_RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'eval', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for',
  'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new',
  'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch',
  'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

/** Rust keywords that wit-bindgen suffixes with `_` (wit-bindgen-rust `to_rust_ident`). */
const RUST_KEYWORDS = new Set([
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for',
  'if', 'impl', 'in', 'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return',
  'self', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe', 'use', 'where',
  'while', 'async', 'await', 'dyn', 'abstract', 'become', 'box', 'do', 'final', 'macro',
  'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield', 'try', 'gen',
]);

/**
 * The name jco gives a WIT entity in JS. Record fields and flags are object keys (camelCase,
 * reserved words allowed); variant and enum cases keep their kebab-case WIT name as the `tag`
 * or string value; types and interfaces are UpperCamelCase; params and functions are
 * identifiers, escaped like jco's `to_js_identifier`.
 */
export function jsName(witName: string, entity: JsEntity): string {
  switch (entity) {
    case 'field':
    case 'flag':
    case 'interface-export':
      return lowerCamelCase(witName);
    case 'variant-case':
    case 'enum-case':
      return witName;
    case 'type':
    case 'interface':
      return upperCamelCase(witName);
    case 'param':
    case 'function':
      return tsIdentifier(witName);
  }
}

/** The name wit-bindgen's Rust generator gives a WIT entity. */
export function rustName(witName: string, entity: RustEntity): string {
  switch (entity) {
    case 'field':
    case 'param':
    case 'function':
      return RUST_KEYWORDS.has(witName) ? `${witName}_` : snakeCase(witName);
    case 'type':
    case 'case':
      return upperCamelCase(witName);
    case 'flag':
      return shoutySnakeCase(witName);
  }
}

/** The JSON key serde uses for a record field: the Rust field name under `rename_all`. */
export function serdeFieldName(witFieldName: string, rule?: RenameRule): string {
  return applyToField(rule, rustName(witFieldName, 'field'));
}

/** The JSON name serde uses for a variant or enum case: the Rust variant under `rename_all`. */
export function serdeCaseName(witCaseName: string, rule?: RenameRule): string {
  return applyToVariant(rule, rustName(witCaseName, 'case'));
}

/** The wasmbus method string for a function: `KeyValue.Increment`. */
export function wasmbusMethod(interfaceName: string, functionName: string): string {
  return `${upperCamelCase(interfaceName)}.${upperCamelCase(functionName)}`;
}

const JS_IDENTIFIER = /^[A-Za-z$_][A-Za-z0-9$_]*$/;

/**
 * A valid JS/TS identifier close to `name`, as jco's `to_js_identifier`: kept when already
 * valid and not reserved, otherwise lowerCamelCased, invalid characters replaced (`.` → `_`,
 * others → `$`), and prefixed with `_` if still not an identifier.
 */
export function tsIdentifier(name: string): string {
  if (JS_IDENTIFIER.test(name) && !JS_RESERVED.has(name)) return name;
  let id = '';
  for (const ch of lowerCamelCase(name)) {
    const valid = id === '' ? /[A-Za-z$_]/.test(ch) : /[A-Za-z0-9$_]/.test(ch);
    id += valid ? ch : ch === '.' ? '_' : '$';
  }
  if (!JS_IDENTIFIER.test(id) || JS_RESERVED.has(id)) id = `_${id}`;
  return id;
}

/**
 * A string literal for `text` that is safe in generated TS/JS source, quoted as the house style
 * (prettier's): single quotes, unless the text has more single quotes than double ones.
 */
export function tsStringLiteral(text: string): string {
  const json = JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  if (singles > doubles) return json;
  // Re-quote JSON's escapes pair by pair, so an escaped backslash is never read as a quote's.
  const body = json.slice(1, -1).replace(/\\.|'/g, (m) => (m === "'" ? "\\'" : m === '\\"' ? '"' : m));
  return `'${body}'`;
}

/** A property key for an object literal or type: bare when an identifier, quoted otherwise. */
export function tsPropertyKey(key: string): string {
  return JS_IDENTIFIER.test(key) ? key : tsStringLiteral(key);
}

/**
 * A readable UpperCamelCase name for any type, stable under edits elsewhere in the WIT: the
 * type's own name (or the one `named` gives it), or its shape for anonymous types
 * (`list<string>` → `ListString`, `result<_, e>` → `ResultUnitE`).
 */
export function typeShapeName(resolve: Resolve, type: Type, named?: (id: TypeId) => string | undefined): string {
  const name = (t: Type | null): string => (t === null ? 'Unit' : typeShapeName(resolve, t, named));
  if (typeof type !== 'number') return upperCamelCase(type);
  const given = named?.(type);
  if (given !== undefined) return given;
  const def = resolve.types[type]!;
  if (def.name !== null) return upperCamelCase(def.name);
  const k = def.kind;
  switch (k.kind) {
    case 'list':
      return `List${name(k.type)}`;
    case 'fixed-length-list':
      return `List${name(k.type)}${k.length}`;
    case 'option':
      return `Option${name(k.type)}`;
    case 'result':
      return `Result${name(k.ok)}${name(k.err)}`;
    case 'tuple':
      return `Tuple${k.types.map(name).join('')}`;
    case 'map':
      return `Map${name(k.key)}${name(k.value)}`;
    case 'type':
      return name(k.type);
    case 'future':
    case 'stream':
      return `${upperCamelCase(k.kind)}${name(k.type)}`;
    case 'handle':
      return `${upperCamelCase(k.handle)}${name(k.resource)}`;
    default:
      return upperCamelCase(k.kind);
  }
}

/** Whether a named type is declared in generated TS: not a `use` that keeps the used type's name. */
function isDeclaredType(resolve: Resolve, id: TypeId): boolean {
  const def = resolve.types[id]!;
  const k = def.kind;
  const isUse = k.kind === 'type' && typeof k.type === 'number' && resolve.types[k.type]!.name === def.name;
  return def.name !== null && !isUse;
}

/**
 * The TS names of the named types among `ids`, in id order: UpperCamelCase, prefixed with the
 * owning interface's name (`World` for a world's) where two would share a name.
 */
export function typeDeclarationNames(resolve: Resolve, ids: Iterable<TypeId>): Map<TypeId, string> {
  const sorted = [...ids].filter((id) => isDeclaredType(resolve, id)).sort((a, b) => a - b);
  const count = new Map<string, number>();
  for (const id of sorted) {
    const name = jsName(resolve.types[id]!.name!, 'type');
    count.set(name, (count.get(name) ?? 0) + 1);
  }
  return new Map(
    sorted.map((id) => {
      const base = jsName(resolve.types[id]!.name!, 'type');
      if (count.get(base) === 1) return [id, base];
      const owner = resolve.types[id]!.owner;
      const prefix =
        owner.kind === 'interface' ? jsName(resolve.interfaces[owner.id]!.name ?? 'anonymous', 'type') : 'World';
      return [id, `${prefix}${base}`];
    }),
  );
}

/** The roles of the two adapter components of a contract. */
export type AdapterRole = 'sender' | 'receiver';

/**
 * The name of a contract's adapter component (its build folder): the contract's generated folder
 * with `/` as `-`, then the role, e.g. `wasmcloud-keyvalue-key-value-sender`.
 */
export function adapterComponentName(contractDir: string, role: AdapterRole): string {
  return `${contractDir.replace(/\//g, '-')}-${role}`;
}
