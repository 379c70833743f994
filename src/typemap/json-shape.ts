/**
 * The JSON a WIT type travels as, under given codec options, written as a compact shape
 * (`{"query_string": string, "body": [u8, ...]}`) for docs and diagnostics. It states the
 * decisions the codec emitter implements; the emitter is tested against serde_json itself.
 */
import type { Resolve, Type } from '../wit/model.ts';
import type { CodecOptions } from '../codec/options.ts';
import { serdeCaseName, serdeFieldName, rustName } from '../naming/index.ts';
import { resolvePrimitive, typeDef } from './index.ts';

export function jsonShape(resolve: Resolve, type: Type, options: CodecOptions = {}): string {
  const repr = options.enumRepr ?? { kind: 'external' };
  const shape = (t: Type): string => {
    if (typeof t !== 'number') return primitiveShape(t);
    const k = resolve.types[t]!.kind;
    switch (k.kind) {
      case 'type':
        return shape(k.type);
      case 'record':
        return `{${k.fields.map((f) => `${JSON.stringify(serdeFieldName(f.name, options.fieldRename))}: ${shape(f.type)}`).join(', ')}}`;
      case 'tuple':
        return `[${k.types.map(shape).join(', ')}]`;
      case 'list': {
        if (resolvePrimitive(resolve, k.type) === 'u8' && options.bytes === 'base64') return 'string (base64)';
        const pair = typeDef(resolve, k.type);
        if (
          options.witifiedMaps &&
          pair?.kind.kind === 'tuple' &&
          pair.kind.types.length === 2 &&
          resolvePrimitive(resolve, pair.kind.types[0]!) === 'string'
        ) {
          return `{string: ${shape(pair.kind.types[1]!)}}`;
        }
        return `[${shape(k.type)}, ...]`;
      }
      case 'fixed-length-list':
        return `[${shape(k.type)} × ${k.length}]`;
      case 'option':
        return `${shape(k.type)} | null`;
      case 'result':
        return `{"Ok": ${k.ok === null ? 'null' : shape(k.ok)}} | {"Err": ${k.err === null ? 'null' : shape(k.err)}}`;
      case 'map':
        return `{${shape(k.key)} as string: ${shape(k.value)}}`;
      case 'flags':
        return `string ("${k.flags.map((f) => rustName(f.name, 'flag')).join(' | ')}" subset)`;
      case 'enum':
        return k.cases.map((c) => caseShape(JSON.stringify(serdeCaseName(c.name, options.caseRename)), null)).join(' | ');
      case 'variant':
        return k.cases
          .map((c) => caseShape(JSON.stringify(serdeCaseName(c.name, options.caseRename)), c.type === null ? null : shape(c.type)))
          .join(' | ');
      default:
        return 'not transferable';
    }
  };
  const caseShape = (name: string, payload: string | null): string => {
    switch (repr.kind) {
      case 'external':
        return payload === null ? name : `{${name}: ${payload}}`;
      case 'internal':
        return payload === null ? `{${JSON.stringify(repr.tag)}: ${name}}` : `{${JSON.stringify(repr.tag)}: ${name}, ...${payload}}`;
      case 'adjacent':
        return payload === null
          ? `{${JSON.stringify(repr.tag)}: ${name}}`
          : `{${JSON.stringify(repr.tag)}: ${name}, ${JSON.stringify(repr.content)}: ${payload}}`;
      case 'untagged':
        return payload ?? 'null';
    }
  };
  return shape(type);
}

function primitiveShape(t: Exclude<Type, number>): string {
  switch (t) {
    case 'bool':
      return 'boolean';
    case 'f32':
    case 'f64':
      return `${t} (null for NaN/inf)`;
    case 'char':
      return 'string (1 char)';
    case 'string':
      return 'string';
    case 'error-context':
      return 'not transferable';
    default:
      return t;
  }
}
