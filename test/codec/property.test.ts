/** Property tests over random WIT types: identity round trips and total decoding. */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codecFor, typeId, witResolve, type Codec } from './harness.ts';
import { typeTree, valueOf, witFor, type TypeTree } from './random-types.ts';

interface Case {
  tree: TypeTree;
  wit: string;
  codec: Codec;
}

const cases: Case[] = [];

beforeAll(async () => {
  const trees = fc.sample(typeTree, { numRuns: 30 });
  for (const tree of trees) {
    const wit = witFor(tree);
    const resolve = witResolve(wit);
    cases.push({ tree, wit, codec: await codecFor(resolve, typeId(resolve, 't', 'root')) });
  }
}, 120_000);

/** Whether `e` is a CodecError raised by the codec itself (not an escaped JS exception). */
function isCodecError(e: unknown): boolean {
  return e instanceof Error && e.name === 'CodecError' && !e.message.startsWith('internal codec error');
}

describe('random WIT types', () => {
  it('decode(encode(v)) is v, and re-encoding is byte-stable', () => {
    for (const { tree, wit, codec } of cases) {
      fc.assert(
        fc.property(valueOf(tree), (v) => {
          const json = codec.encode(v);
          const back = codec.decode(json);
          expect(back, wit).toEqual(v);
          expect(codec.encode(back)).toBe(json);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('decoding arbitrary bytes yields a value or a CodecError, nothing else', () => {
    for (const { codec } of cases) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
          try {
            codec.decode(bytes);
          } catch (e) {
            expect(isCodecError(e), String(e)).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('decoding truncated or corrupted encodings yields a value or a CodecError', () => {
    for (const { tree, codec } of cases) {
      const sample = fc.sample(valueOf(tree), { numRuns: 3 });
      for (const v of sample) {
        const bytes = new TextEncoder().encode(codec.encode(v));
        fc.assert(
          fc.property(fc.nat(bytes.length), fc.nat(255), fc.boolean(), (at, byte, truncate) => {
            const input = truncate ? bytes.slice(0, at) : bytes.slice();
            if (!truncate && at < input.length) input[at] = byte;
            try {
              codec.decode(input);
            } catch (e) {
              expect(isCodecError(e), String(e)).toBe(true);
            }
          }),
          { numRuns: 30 },
        );
      }
    }
  });
});
