import { describe, it, expect } from 'vitest';
import {
  applyToField,
  applyToVariant,
  jsName,
  kebabCase,
  lowerCamelCase,
  rustName,
  serdeCaseName,
  serdeFieldName,
  snakeCase,
  splitWords,
  tsIdentifier,
  upperCamelCase,
  wasmbusMethod,
  RENAME_RULES,
} from '../../src/naming/index.ts';

describe('heck word splitting', () => {
  // heck's boundaries: separators, lower→upper, and the end of an acronym before a lowercase.
  it.each([
    ['http-request', ['http', 'request']],
    ['HTTPServer', ['HTTP', 'Server']],
    ['query_string', ['query', 'string']],
    ['sha256-hash', ['sha256', 'hash']],
    ['a2B', ['a2', 'B']],
    ['XMLHttpRequest', ['XML', 'Http', 'Request']],
    ['--x--', ['x']],
  ])('%s', (input, words) => {
    expect(splitWords(input)).toEqual(words);
  });

  it('cases the words like heck', () => {
    expect(lowerCamelCase('query-string')).toBe('queryString');
    expect(upperCamelCase('HTTP-request')).toBe('HttpRequest');
    expect(upperCamelCase('key-value')).toBe('KeyValue');
    expect(snakeCase('HTTPServer')).toBe('http_server');
    expect(kebabCase('QueryString')).toBe('query-string');
  });
});

describe('jco names', () => {
  it('camelCases fields and flags, keeps case tags, UpperCamelCases types', () => {
    expect(jsName('query-string', 'field')).toBe('queryString');
    expect(jsName('read-only', 'flag')).toBe('readOnly');
    expect(jsName('dark-green', 'enum-case')).toBe('dark-green');
    expect(jsName('not-found', 'variant-case')).toBe('not-found');
    expect(jsName('http-request', 'type')).toBe('HttpRequest');
  });

  it('escapes params like js-component-bindgen to_js_identifier', () => {
    expect(tsIdentifier('key')).toBe('key');
    expect(tsIdentifier('my-key')).toBe('myKey');
    expect(tsIdentifier('default')).toBe('_default');
    expect(jsName('in', 'param')).toBe('_in');
  });
});

describe('wit-bindgen Rust names', () => {
  it('snake_cases fields and suffixes keywords with _', () => {
    expect(rustName('query-string', 'field')).toBe('query_string');
    expect(rustName('type', 'field')).toBe('type_');
    expect(rustName('self', 'field')).toBe('self_');
    expect(rustName('not-found', 'case')).toBe('NotFound');
    expect(rustName('read-write', 'flag')).toBe('READ_WRITE');
  });

  it('builds wasmbus method strings', () => {
    expect(wasmbusMethod('key-value', 'increment')).toBe('KeyValue.Increment');
    expect(wasmbusMethod('http-server', 'handle-request')).toBe('HttpServer.HandleRequest');
  });
});

describe('serde rename_all rules', () => {
  // Expected values from serde_derive/src/internals/case.rs `rename_variants` / `rename_fields`.
  const variants: [string, string[]][] = [
    ['Outcome', ['outcome', 'OUTCOME', 'Outcome', 'outcome', 'outcome', 'OUTCOME', 'outcome', 'OUTCOME']],
    ['VeryTasty', ['verytasty', 'VERYTASTY', 'VeryTasty', 'veryTasty', 'very_tasty', 'VERY_TASTY', 'very-tasty', 'VERY-TASTY']],
    ['A', ['a', 'A', 'A', 'a', 'a', 'A', 'a', 'A']],
    ['Z42', ['z42', 'Z42', 'Z42', 'z42', 'z42', 'Z42', 'z42', 'Z42']],
  ];
  it.each(variants)('variant %s', (name, expected) => {
    expect(RENAME_RULES.map((r) => applyToVariant(r, name))).toEqual(expected);
  });

  const fields: [string, string[]][] = [
    ['outcome', ['outcome', 'OUTCOME', 'Outcome', 'outcome', 'outcome', 'OUTCOME', 'outcome', 'OUTCOME']],
    ['very_tasty', ['very_tasty', 'VERY_TASTY', 'VeryTasty', 'veryTasty', 'very_tasty', 'VERY_TASTY', 'very-tasty', 'VERY-TASTY']],
    ['a', ['a', 'A', 'A', 'a', 'a', 'A', 'a', 'A']],
    ['z42', ['z42', 'Z42', 'Z42', 'z42', 'z42', 'Z42', 'z42', 'Z42']],
  ];
  it.each(fields)('field %s', (name, expected) => {
    expect(RENAME_RULES.map((r) => applyToField(r, name))).toEqual(expected);
  });

  it('applies rules to the Rust name, not the WIT name', () => {
    expect(serdeFieldName('type', 'camelCase')).toBe('type');
    expect(serdeFieldName('type', 'kebab-case')).toBe('type-');
    expect(serdeFieldName('query-string')).toBe('query_string');
    expect(serdeCaseName('dark-green')).toBe('DarkGreen');
    expect(serdeCaseName('dark-green', 'SCREAMING_SNAKE_CASE')).toBe('DARK_GREEN');
  });
});
