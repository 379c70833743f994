/**
 * Reads what composing needs from a component binary: its imports, with their types resolved
 * into trees (model.ts), and the names and sorts of its exports. Only the top level is read: a
 * child's nested components, core modules and canonical functions are copied, never parsed.
 *
 * The type grammar is the component model's binary format (design/mvp/Binary.md). Forms that
 * WIT-built components do not use at the top of their imports (core types, type and component
 * imports, attributes on import names) are refused with a ComposeError rather than guessed at.
 */
import { ByteReader, isComponent, sections } from './bytes.ts';
import { ComposeError } from './errors.ts';
import type { FuncType, ImportType, InstanceExport, NamedType, ValType } from './model.ts';

/** What a type index stands for, as far as composing cares. */
type TypeEntry =
  | { kind: 'val'; type: ValType }
  | { kind: 'func'; type: FuncType }
  | { kind: 'instance'; exports: Map<string, InstanceExport> }
  | { kind: 'other'; what: string };

/** A type index space: the component's, or that of an instance or component type inside it. */
class TypeSpace {
  readonly entries: TypeEntry[] = [];
  constructor(readonly parent: TypeSpace | null) {}

  at(index: number): TypeEntry {
    const e = this.entries[index];
    if (e === undefined) throw new ComposeError(`type index ${index} is out of range`);
    return e;
  }

  outer(count: number): TypeSpace {
    let s: TypeSpace = this;
    for (let i = 0; i < count; i++) {
      if (s.parent === null) throw new ComposeError(`outer alias count ${count} leaves the component`);
      s = s.parent;
    }
    return s;
  }

  val(index: number): ValType {
    const e = this.at(index);
    if (e.kind === 'val') return e.type;
    throw new ComposeError(`type index ${index} is a ${e.kind === 'other' ? e.what : e.kind}, not a value type`);
  }
}

export type ExportSort = 'core' | 'func' | 'value' | 'type' | 'component' | 'instance';
const SORTS: ExportSort[] = ['core', 'func', 'value', 'type', 'component', 'instance'];

export interface ChildImport {
  name: string;
  type: ImportType;
}

export interface ChildExport {
  name: string;
  sort: ExportSort;
}

export interface ComponentInterface {
  imports: ChildImport[];
  exports: ChildExport[];
}

const PRIMITIVES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x7a, 0x79, 0x78, 0x77, 0x76, 0x75, 0x74, 0x73, 0x64]);

function sort(r: ByteReader): ExportSort {
  const b = r.byte();
  const s = SORTS[b];
  if (s === undefined) throw new ComposeError(`unknown sort 0x${b.toString(16)}`);
  if (s === 'core') r.byte();
  return s;
}

/** An import or export name; attributes (`implements`, version suffixes) are read and returned. */
function externName(r: ByteReader): { name: string; attributes: boolean } {
  const tag = r.byte();
  const name = r.name();
  if (tag === 0x00 || tag === 0x01) return { name, attributes: false };
  if (tag !== 0x02) throw new ComposeError(`unknown name form 0x${tag.toString(16)}`);
  r.vec(() => {
    const kind = r.byte();
    if (kind > 0x02) throw new ComposeError(`unknown name attribute 0x${kind.toString(16)}`);
    r.name();
  });
  return { name, attributes: true };
}

function valType(r: ByteReader, space: TypeSpace): ValType {
  const v = r.s33();
  if (v >= 0) return space.val(v);
  const code = v + 0x80;
  if (!PRIMITIVES.has(code)) throw new ComposeError(`unknown value type 0x${code.toString(16)}`);
  return { kind: 'prim', code };
}

function optional<T>(r: ByteReader, item: () => T): T | null {
  const tag = r.byte();
  if (tag === 0x00) return null;
  if (tag === 0x01) return item();
  throw new ComposeError(`malformed optional (0x${tag.toString(16)})`);
}

function handleTarget(r: ByteReader, space: TypeSpace): ValType {
  const target = space.val(r.u32());
  if (target.kind !== 'named') throw new ComposeError('a handle refers to a resource defined inside the component');
  return target;
}

function defValType(r: ByteReader, space: TypeSpace, op: number): ValType {
  const val = (): ValType => valType(r, space);
  switch (op) {
    case 0x72:
      return { kind: 'record', fields: r.vec(() => [r.name(), val()]) };
    case 0x71:
      return {
        kind: 'variant',
        cases: r.vec(() => {
          const name = r.name();
          const payload = optional(r, val);
          if (r.byte() !== 0x00) throw new ComposeError('variant case refinements are not supported');
          return [name, payload];
        }),
      };
    case 0x70:
      return { kind: 'list', of: val(), length: null };
    case 0x67: {
      const of = val();
      return { kind: 'list', of, length: r.u32() };
    }
    case 0x6f:
      return { kind: 'tuple', of: r.vec(val) };
    case 0x6e:
      return { kind: 'flags', names: r.vec(() => r.name()) };
    case 0x6d:
      return { kind: 'enum', names: r.vec(() => r.name()) };
    case 0x6b:
      return { kind: 'option', of: val() };
    case 0x6a: {
      const ok = optional(r, val);
      return { kind: 'result', ok, err: optional(r, val) };
    }
    case 0x69:
      return { kind: 'own', of: handleTarget(r, space) };
    case 0x68:
      return { kind: 'borrow', of: handleTarget(r, space) };
    case 0x66:
      return { kind: 'stream', of: optional(r, val) };
    case 0x65:
      return { kind: 'future', of: optional(r, val) };
    case 0x63: {
      const key = val();
      return { kind: 'map', key, value: val() };
    }
  }
  throw new ComposeError(`unknown type form 0x${op.toString(16)}`);
}

function funcType(r: ByteReader, space: TypeSpace, async: boolean): FuncType {
  const params = r.vec((): [string, ValType] => [r.name(), valType(r, space)]);
  const tag = r.byte();
  let result: ValType | null = null;
  if (tag === 0x00) result = valType(r, space);
  else if (tag !== 0x01 || r.byte() !== 0x00) throw new ComposeError('malformed function result list');
  return { kind: 'func', async, params, result };
}

/** The declarations of an instance or component type; `exports` collects an instance's. */
function declarations(r: ByteReader, space: TypeSpace, component: boolean): Map<string, InstanceExport> {
  const exports = new Map<string, InstanceExport>();
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const tag = r.byte();
    if (tag === 0x00) throw new ComposeError('core types inside instance types are not supported');
    if (tag === 0x01) space.entries.push(typeDefinition(r, space));
    else if (tag === 0x02) {
      const s = sort(r);
      if (r.byte() !== 0x02) throw new ComposeError('only outer aliases may appear in a type');
      const outer = space.outer(r.u32());
      const index = r.u32();
      if (s === 'type') space.entries.push(outer.at(index));
      else if (s !== 'core') throw new ComposeError(`an outer alias of a ${s} is not supported`);
    } else if (tag === 0x04 || (component && tag === 0x03)) {
      const { name } = externName(r);
      const entry = externDeclaration(r, space, name);
      if (tag === 0x04 && entry !== undefined) exports.set(name, entry);
    } else throw new ComposeError(`unknown declaration 0x${tag.toString(16)}`);
  }
  return exports;
}

/** An `externtype` in a declaration; type declarations also add their index. */
function externDeclaration(r: ByteReader, space: TypeSpace, name: string): InstanceExport | undefined {
  const kind = r.byte();
  switch (kind) {
    case 0x01: {
      const e = space.at(r.u32());
      if (e.kind !== 'func') throw new ComposeError(`${name} is declared a function with a type that is not one`);
      return { sort: 'func', type: e.type };
    }
    case 0x03: {
      const bound = r.byte();
      const named: NamedType = { kind: 'named', from: null, name };
      if (bound === 0x00) {
        const type = space.val(r.u32());
        space.entries.push({ kind: 'val', type: named });
        return { sort: 'type', type };
      }
      if (bound !== 0x01) throw new ComposeError(`unknown type bound 0x${bound.toString(16)}`);
      space.entries.push({ kind: 'val', type: named });
      return { sort: 'resource' };
    }
    case 0x00:
      r.byte();
      r.u32();
      throw new ComposeError(`${name}: core modules in instance types are not supported`);
    case 0x02:
      throw new ComposeError(`${name}: value imports and exports are not supported`);
    case 0x04:
    case 0x05:
      r.u32();
      throw new ComposeError(`${name}: instances and components nested in instance types are not supported`);
  }
  throw new ComposeError(`unknown extern type 0x${kind.toString(16)}`);
}

function typeDefinition(r: ByteReader, space: TypeSpace): TypeEntry {
  const op = r.byte();
  switch (op) {
    case 0x40:
    case 0x43:
      return { kind: 'func', type: funcType(r, space, op === 0x43) };
    case 0x41:
      declarations(r, new TypeSpace(space), true);
      return { kind: 'other', what: 'component type' };
    case 0x42:
      return { kind: 'instance', exports: declarations(r, new TypeSpace(space), false) };
    case 0x3f:
      r.byte();
      optional(r, () => r.u32());
      return { kind: 'other', what: 'resource definition' };
  }
  if (PRIMITIVES.has(op)) return { kind: 'val', type: { kind: 'prim', code: op } };
  return { kind: 'val', type: defValType(r, space, op) };
}

/** Skips an instantiation's arguments or inline exports: `(with name (sort idx))`. */
function skipInstance(r: ByteReader): void {
  const tag = r.byte();
  if (tag === 0x00) {
    r.u32();
    r.vec(() => {
      r.name();
      sort(r);
      r.u32();
    });
  } else if (tag === 0x01) {
    r.vec(() => {
      externName(r);
      sort(r);
      r.u32();
    });
  } else throw new ComposeError(`unknown instance form 0x${tag.toString(16)}`);
}

function skipExternType(r: ByteReader): void {
  const kind = r.byte();
  if (kind === 0x00) r.byte();
  if (kind === 0x03) {
    if (r.byte() === 0x00) r.u32();
    return;
  }
  if (kind === 0x02) throw new ComposeError('value exports are not supported');
  r.u32();
}

const SECTION = { alias: 6, instance: 5, type: 7, import: 10, export: 11 } as const;

/** The imports and exports of a component binary. */
export function readInterface(bytes: Uint8Array): ComponentInterface {
  if (!isComponent(bytes)) throw new ComposeError('not a WebAssembly component (wrong preamble)');
  const all = sections(bytes);
  let lastImport = -1;
  all.forEach((s, i) => {
    if (s.id === SECTION.import) lastImport = i;
  });
  const types = new TypeSpace(null);
  /** The component's instance index space: the import each instance is, or null. */
  const instances: (string | null)[] = [];
  const imports: ChildImport[] = [];
  const exports: ChildExport[] = [];
  all.forEach((s, i) => {
    const r = new ByteReader(bytes, s.start, s.end);
    // Past the last import, only the export names are needed.
    if (i > lastImport && s.id !== SECTION.export) return;
    switch (s.id) {
      case SECTION.type:
        r.vec(() => types.entries.push(typeDefinition(r, types)));
        break;
      case SECTION.instance:
        r.vec(() => {
          skipInstance(r);
          instances.push(null);
        });
        break;
      case SECTION.alias:
        r.vec(() => {
          const sortOf = sort(r);
          const target = r.byte();
          if (target === 0x00) {
            const from = instances[r.u32()];
            const name = r.name();
            if (sortOf === 'type') {
              types.entries.push(
                from === undefined || from === null
                  ? { kind: 'other', what: `type ${name} of a local instance` }
                  : { kind: 'val', type: { kind: 'named', from, name } },
              );
            } else if (sortOf === 'instance') instances.push(null);
          } else if (target === 0x01) {
            r.u32();
            r.name();
          } else if (target === 0x02) {
            r.u32();
            r.u32();
            if (sortOf === 'type') types.entries.push({ kind: 'other', what: 'outer alias' });
          } else throw new ComposeError(`unknown alias form 0x${target.toString(16)}`);
        });
        break;
      case SECTION.import:
        r.vec(() => {
          const { name, attributes } = externName(r);
          if (attributes) throw new ComposeError(`import ${name} has name attributes, which are not supported`);
          const kind = r.byte();
          if (kind === 0x05) {
            const e = types.at(r.u32());
            if (e.kind !== 'instance')
              throw new ComposeError(`import ${name} is an instance of a type that is not an instance type`);
            imports.push({ name, type: { sort: 'instance', exports: e.exports } });
            instances.push(name);
          } else if (kind === 0x01) {
            const e = types.at(r.u32());
            if (e.kind !== 'func')
              throw new ComposeError(`import ${name} is a function of a type that is not a function type`);
            imports.push({ name, type: { sort: 'func', type: e.type } });
          } else {
            const what =
              ['a core module', 'a function', 'a value', 'a type', 'a component'][kind] ??
              `kind 0x${kind.toString(16)}`;
            throw new ComposeError(
              `import ${name} is ${what}; only instances and functions can be imported by a composite`,
            );
          }
        });
        break;
      case SECTION.export:
        r.vec(() => {
          const { name } = externName(r);
          const sortOf = sort(r);
          r.u32();
          optional(r, () => skipExternType(r));
          exports.push({ name, sort: sortOf });
          if (sortOf === 'type') types.entries.push({ kind: 'other', what: `exported type ${name}` });
          if (sortOf === 'instance') instances.push(null);
        });
        break;
    }
  });
  return { imports, exports };
}
