/**
 * Declares a composite's imports from their resolved types (model.ts): the type, alias and import
 * sections that open the composite, in the shape wit-component gives its own components, so that
 * the composite's world reads as WIT again (a type used from another interface is an outer alias
 * of that interface's export, a named type is an export of its instance type).
 */
import { ByteWriter, section } from './bytes.ts';
import { ComposeError } from './errors.ts';
import type { DefType, FuncType, ImportType, InstanceExport, NamedType, ValType } from './model.ts';

const SECTION_ALIAS = 6;
const SECTION_TYPE = 7;
const SECTION_IMPORT = 10;
const SORT_FUNC = 0x01;
const SORT_TYPE = 0x03;
const SORT_INSTANCE = 0x05;

/** Where type definitions go and how named types are reached, in one index space. */
interface Scope {
  named(t: NamedType): number;
  /** Adds a type definition (a `deftype`'s bytes) and returns its index, once per distinct body. */
  define(body: Uint8Array): number;
}

function writeVal(w: ByteWriter, t: ValType, scope: Scope): void {
  if (t.kind === 'prim') w.byte(t.code);
  else if (t.kind === 'named') w.s33(scope.named(t));
  else w.s33(scope.define(defBody(t, scope)));
}

function writeOptional(w: ByteWriter, t: ValType | null, scope: Scope): void {
  if (t === null) w.byte(0x00);
  else writeVal(w.byte(0x01), t, scope);
}

function handle(t: ValType, scope: Scope): number {
  if (t.kind !== 'named') throw new ComposeError('a handle must refer to a named resource');
  return scope.named(t);
}

function defBody(t: DefType, scope: Scope): Uint8Array {
  const w = new ByteWriter();
  switch (t.kind) {
    case 'record':
      w.byte(0x72).vec(t.fields, (w, [name, f]) => writeVal(w.name(name), f, scope));
      break;
    case 'variant':
      w.byte(0x71).vec(t.cases, (w, [name, c]) => {
        writeOptional(w.name(name), c, scope);
        w.byte(0x00);
      });
      break;
    case 'list':
      if (t.length === null) writeVal(w.byte(0x70), t.of, scope);
      else {
        writeVal(w.byte(0x67), t.of, scope);
        w.u32(t.length);
      }
      break;
    case 'tuple':
      w.byte(0x6f).vec(t.of, (w, e) => writeVal(w, e, scope));
      break;
    case 'flags':
      w.byte(0x6e).vec(t.names, (w, n) => w.name(n));
      break;
    case 'enum':
      w.byte(0x6d).vec(t.names, (w, n) => w.name(n));
      break;
    case 'option':
      writeVal(w.byte(0x6b), t.of, scope);
      break;
    case 'result':
      writeOptional(w.byte(0x6a), t.ok, scope);
      writeOptional(w, t.err, scope);
      break;
    case 'own':
      w.byte(0x69).u32(handle(t.of, scope));
      break;
    case 'borrow':
      w.byte(0x68).u32(handle(t.of, scope));
      break;
    case 'stream':
      writeOptional(w.byte(0x66), t.of, scope);
      break;
    case 'future':
      writeOptional(w.byte(0x65), t.of, scope);
      break;
    case 'map':
      writeVal(w.byte(0x63), t.key, scope);
      writeVal(w, t.value, scope);
      break;
  }
  return w.finish();
}

function funcBody(f: FuncType, scope: Scope): Uint8Array {
  const w = new ByteWriter().byte(f.async ? 0x43 : 0x40);
  w.vec(f.params, (w, [name, p]) => writeVal(w.name(name), p, scope));
  if (f.result === null) w.byte(0x01).byte(0x00);
  else writeVal(w.byte(0x00), f.result, scope);
  return w.finish();
}

/** The index a type definition gets in `scope`: a primitive is a definition of its own. */
function typeIndex(t: ValType, scope: Scope): number {
  if (t.kind === 'prim') return scope.define(Uint8Array.of(t.code));
  if (t.kind === 'named') return scope.named(t);
  return scope.define(defBody(t, scope));
}

/** An instance type's body (`0x42 vec(instancedecl)`): its exports, each after what it uses. */
function instanceTypeBody(
  name: string,
  exports: Map<string, InstanceExport>,
  outer: (t: NamedType) => number,
): Uint8Array {
  const decls: Uint8Array[] = [];
  let count = 0;
  const defined = new Map<string, number>();
  const aliased = new Map<number, number>();
  const local = new Map<string, number>();
  const pending = new Set<string>();

  const exportDecl = (exportName: string, extern: Uint8Array): void => {
    decls.push(new ByteWriter().byte(0x04).byte(0x00).name(exportName).bytes(extern).finish());
  };
  const scope: Scope = {
    named(t) {
      if (t.from === null) return ensureType(t.name);
      const top = outer(t);
      let index = aliased.get(top);
      if (index === undefined) {
        decls.push(new ByteWriter().byte(0x02).byte(SORT_TYPE).byte(0x02).u32(1).u32(top).finish());
        index = count++;
        aliased.set(top, index);
      }
      return index;
    },
    define(body) {
      const key = Buffer.from(body).toString('base64');
      let index = defined.get(key);
      if (index === undefined) {
        decls.push(new ByteWriter().byte(0x01).bytes(body).finish());
        index = count++;
        defined.set(key, index);
      }
      return index;
    },
  };
  const ensureType = (exportName: string): number => {
    const done = local.get(exportName);
    if (done !== undefined) return done;
    const e = exports.get(exportName);
    if (e === undefined || e.sort === 'func')
      throw new ComposeError(`${name}: its functions use a type ${exportName} it does not export`);
    if (pending.has(exportName)) throw new ComposeError(`${name}: type ${exportName} refers to itself`);
    pending.add(exportName);
    const extern =
      e.sort === 'resource'
        ? Uint8Array.of(0x03, 0x01)
        : new ByteWriter().byte(0x03).byte(0x00).u32(typeIndex(e.type, scope)).finish();
    exportDecl(exportName, extern);
    const index = count++;
    local.set(exportName, index);
    return index;
  };
  for (const [exportName, e] of exports) {
    if (e.sort === 'func')
      exportDecl(
        exportName,
        new ByteWriter()
          .byte(SORT_FUNC)
          .u32(scope.define(funcBody(e.type, scope)))
          .finish(),
      );
    else ensureType(exportName);
  }
  return new ByteWriter()
    .byte(0x42)
    .vec(decls, (w, d) => w.bytes(d))
    .finish();
}

/** The composite's opening sections, and the index each import got. */
export interface ImportPrelude {
  sections: Uint8Array[];
  /** Instance index of each imported instance. */
  instances: Map<string, number>;
  /** Function index of each imported function. */
  funcs: Map<string, number>;
  instanceCount: number;
  funcCount: number;
}

/** Declares `imports`, in order; an import whose types use another's must come after it. */
export function declareImports(imports: { name: string; type: ImportType }[]): ImportPrelude {
  const sections: Uint8Array[] = [];
  const instances = new Map<string, number>();
  const funcs = new Map<string, number>();
  let types = 0;
  const topAliases = new Map<string, number>();
  const topDefined = new Map<string, number>();

  const topNamed = (t: NamedType): number => {
    const from = t.from === null ? undefined : instances.get(t.from);
    if (from === undefined)
      throw new ComposeError(`type ${t.name} is used before its interface ${t.from ?? '(none)'} is imported`);
    const key = `${from}\0${t.name}`;
    let index = topAliases.get(key);
    if (index === undefined) {
      const entry = new ByteWriter().byte(SORT_TYPE).byte(0x00).u32(from).name(t.name).finish();
      sections.push(section(SECTION_ALIAS, new ByteWriter().u32(1).bytes(entry).finish()));
      index = types++;
      topAliases.set(key, index);
    }
    return index;
  };
  const defineTop = (body: Uint8Array): number => {
    const key = Buffer.from(body).toString('base64');
    let index = topDefined.get(key);
    if (index === undefined) {
      sections.push(section(SECTION_TYPE, new ByteWriter().u32(1).bytes(body).finish()));
      index = types++;
      topDefined.set(key, index);
    }
    return index;
  };
  const topScope: Scope = { named: topNamed, define: defineTop };

  for (const { name, type } of imports) {
    if (type.sort === 'instance') {
      const typeIndex = defineTop(instanceTypeBody(name, type.exports, topNamed));
      const entry = new ByteWriter().byte(0x00).name(name).byte(SORT_INSTANCE).u32(typeIndex).finish();
      sections.push(section(SECTION_IMPORT, new ByteWriter().u32(1).bytes(entry).finish()));
      instances.set(name, instances.size);
    } else {
      const typeIndex = defineTop(funcBody(type.type, topScope));
      const entry = new ByteWriter().byte(0x00).name(name).byte(SORT_FUNC).u32(typeIndex).finish();
      sections.push(section(SECTION_IMPORT, new ByteWriter().u32(1).bytes(entry).finish()));
      funcs.set(name, funcs.size);
    }
  }
  return { sections, instances, funcs, instanceCount: instances.size, funcCount: funcs.size };
}
