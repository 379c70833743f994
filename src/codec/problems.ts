/** The types a codec cannot carry: wire problems, and options a type cannot satisfy. */
import { reachableTypes, type Resolve } from '../wit/model.ts';
import { typeDef, wireProblems } from '../typemap/index.ts';
import type { CodecRoot, EmitProblem } from './emit.ts';
import type { ResolvedCodecOptions } from './options.ts';

/** Every problem under each root: untransferable types, and internally tagged non-record cases. */
export function collectProblems(resolve: Resolve, roots: CodecRoot[], opts: ResolvedCodecOptions): EmitProblem[] {
  const problems: EmitProblem[] = [];
  roots.forEach((root, index) => {
    const types = typeof root === 'object' ? root.fields.map((f) => f.type) : [root];
    for (const t of types) {
      for (const p of wireProblems(resolve, t)) problems.push({ root: index, type: p.type, reason: p.reason });
      if (opts.enumRepr.kind === 'internal') {
        for (const id of reachableTypes(resolve, t)) {
          const k = resolve.types[id]!.kind;
          if (k.kind !== 'variant') continue;
          for (const c of k.cases) {
            if (c.type !== null && typeDef(resolve, c.type)?.kind.kind !== 'record') {
              problems.push({ root: index, type: id, reason: `internally tagged case \`${c.name}\` must carry a record` });
            }
          }
        }
      }
    }
  });
  return problems;
}

