/** Type-checks in-memory TypeScript files under `--strict`, as a user's tsc would see generated output. */
import ts from 'typescript';

const ROOT = '/virtual/';

/** `files` maps paths (relative, `/`-separated) to text; returns `path: message` per diagnostic. */
export function typecheckFiles(files: Map<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  const text = new Map([...files].map(([path, content]) => [ROOT + path, content]));
  const host = ts.createCompilerHost(options);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.getSourceFile = (name, lang, onError, create) => {
    const content = text.get(name);
    return content !== undefined
      ? ts.createSourceFile(name, content, lang)
      : original.getSourceFile(name, lang, onError, create);
  };
  host.fileExists = (name) => text.has(name) || original.fileExists(name);
  host.directoryExists = (dir) => [...text.keys()].some((f) => f.startsWith(`${dir}/`)) || ts.sys.directoryExists(dir);
  host.readFile = (name) => text.get(name) ?? original.readFile(name);
  const program = ts.createProgram([...text.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const where = d.file ? `${d.file.fileName.slice(ROOT.length)}${at ? `:${at.line + 1}` : ''}` : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
