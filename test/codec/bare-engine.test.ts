/**
 * The runtime must work where QuickJS runs it: no TextEncoder/TextDecoder, no Buffer, no Node
 * APIs. A bare V8 context (node:vm) has only the ECMAScript built-ins.
 */
import { runInContext, createContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { emitCodec } from '../../src/codec/emit.ts';
import { typeId, witResolve } from './harness.ts';

const WIT = `
package test:bare;

interface t {
  record note { title: string, body: string, size: u64, tags: map<string, f32> }
}
`;

describe('runtime in a bare ECMAScript context', () => {
  it('decodes and encodes without TextDecoder or Node globals', async () => {
    const resolve = witResolve(WIT);
    const emitted = emitCodec({ resolve, roots: [typeId(resolve, 't', 'note')], runtimeImport: './runtime.ts' });
    const bundle = await build({
      stdin: { contents: emitted.source, resolveDir: fileURLToPath(new URL('../../src/codec/', import.meta.url)), loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'codec',
      platform: 'neutral',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const context = createContext({});
    expect(runInContext('typeof TextDecoder + typeof TextEncoder + typeof Buffer', context)).toBe('undefinedundefinedundefined');
    runInContext(bundle.outputFiles[0]!.text, context);
    const long = 'a fairly long ASCII body that takes the chunked path, '.repeat(3);
    const json = `{"title":"caf\u00e9 \u{1F600}","body":"${long}","size":18446744073709551615,"tags":{"b":0.1,"a":1}}`;
    const bytes = runInContext(
      `(() => { const s = ${JSON.stringify(json)}; const out = []; for (const ch of unescape(encodeURIComponent(s))) out.push(ch.charCodeAt(0)); return new Uint8Array(out); })()`,
      context,
    ) as Uint8Array;
    const result = runInContext(
      `(() => { const b = globalThis.bytes; const v = codec.${emitted.roots[0]!.decode}(b); const again = codec.${emitted.roots[0]!.encode}(v); return { title: v.title, body: v.body, size: String(v.size), tag: v.tags.get('b'), again: Array.from(again) }; })()`,
      Object.assign(context, { bytes }),
    ) as { title: string; body: string; size: string; tag: number; again: number[] };
    expect(result.title).toBe('caf\u00e9 \u{1F600}');
    expect(result.body).toBe(long);
    expect(result.size).toBe('18446744073709551615');
    expect(result.tag).toBe(Math.fround(0.1));
    expect(new TextDecoder().decode(new Uint8Array(result.again))).toBe(
      `{"title":"caf\u00e9 \u{1F600}","body":"${long}","size":18446744073709551615,"tags":{"a":1.0,"b":0.1}}`,
    );
  });
});
