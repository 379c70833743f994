/**
 * Loading WIT from a path the way wit-parser's `Resolve::push_path` does: a single file is one
 * package (plus the packages nested in it); a directory is one package made of its `*.wit` files,
 * with dependency packages in `deps/` as sub-directories or single files. File access goes through
 * `WitFs`, so this module stays pure. A root whose files are all in wit-bindgen's 2022 dialect (as
 * the wasmCloud seed writes them) is read as one package with an interface per file.
 */
import type { PackageId, Resolve } from './model.ts';
import type { PackageFile, Span } from './syntax/ast.ts';
import { parseWitFile } from './syntax/parser.ts';
import { isDialect2022, parseDialect2022 } from './dialect2022/index.ts';
import { spanLocation, WitError, type SourceMap } from './diagnostic.ts';
import { ResolveBuilder, type FeatureOptions } from './resolve/builder.ts';
import { renderResolveError, UnlocatedWitError } from './resolve/errors.ts';
import { pushPackageGroups, resolvePackageGroup, type PackageGroup } from './resolve/group.ts';
import type { ModelSpans } from './resolve/spans.ts';

export { locateModelItem, type ModelItemRef, type ModelSpans } from './resolve/spans.ts';

export interface LoadOptions extends FeatureOptions {
  /**
   * Name (`ns:name[@version]`) of the package made from a root written in wit-bindgen's 2022
   * dialect; default `witbus:seed`.
   */
  dialect2022Package?: string;
}

export interface WitDirEntry {
  name: string;
  kind: 'file' | 'dir';
}

export interface WitFs {
  /** The UTF-8 text of a file. */
  readFile(path: string): string;
  /** The entries of a directory, symlinks reported as what they point to. */
  readDir(path: string): WitDirEntry[];
  /** What `path` is, or null if it does not exist. */
  kind(path: string): 'file' | 'dir' | null;
}

export interface LoadedWit {
  resolve: Resolve;
  /** The root package (the one the path itself defines) first, then the packages nested in its files. */
  packages: PackageId[];
  /** Every file read, indexed by `Span.file`, for rendering errors. */
  sources: SourceMap;
  /** Where the interfaces, functions, types and worlds of `resolve` were written (see `renderModelError`). */
  spans: ModelSpans;
}

/**
 * What `loadWit` throws: the `WitError` (same span and message) plus the files read so far, which
 * its span points into.
 */
export class WitLoadError extends WitError {
  constructor(
    readonly error: WitError,
    readonly sources: SourceMap,
  ) {
    super(error.span, error.message);
    this.name = 'WitLoadError';
  }

  /** The error as wit-parser prints it. */
  render(): string {
    return renderResolveError(this.error, this.sources);
  }
}

/** Options for a root in the 2022 dialect; dependencies are always modern WIT. */
type Dialect2022 = { package?: string };

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1);
}

/** Code point order, which is the byte order of UTF-8 that Rust sorts paths by. */
function compareNames(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

class Loader {
  readonly sources: SourceMap = { files: [] };

  constructor(private readonly fs: WitFs) {}

  private addSource(path: string): number {
    this.sources.files.push({ path, text: this.fs.readFile(path) });
    return this.sources.files.length - 1;
  }

  /**
   * The syntax trees of `files`, parsed lazily (see `resolvePackageGroup`). With `dialect2022`
   * set, files that are all in the 2022 dialect are read together as one package instead.
   */
  private parseFiles(files: number[], dialect2022: Dialect2022 | null): Iterable<PackageFile> {
    const sources = files.map((file) => ({ file, ...this.sources.files[file]! }));
    if (dialect2022 !== null && sources.length > 0 && sources.every((s) => isDialect2022(s.text))) {
      const named = sources.map((s) => ({ file: s.file, name: s.path, text: s.text }));
      return [parseDialect2022(named, dialect2022)];
    }
    return (function* () {
      for (const s of sources) yield parseWitFile(s.file, s.text);
    })();
  }

  /** A package from all `*.wit` files of `dir`, in name order. */
  parseDir(dir: string, dialect2022: Dialect2022 | null = null): PackageGroup {
    try {
      const names = this.fs
        .readDir(dir)
        .filter((e) => e.kind === 'file' && e.name.endsWith('.wit'))
        .map((e) => e.name)
        .sort(compareNames);
      const files = names.map((name) => this.addSource(joinPath(dir, name)));
      return resolvePackageGroup(this.parseFiles(files, dialect2022));
    } catch (e) {
      throw withContext(e, `failed to parse package: ${dir}`);
    }
  }

  parseFile(path: string, dialect2022: Dialect2022 | null = null): PackageGroup {
    const ext = extension(path);
    if (ext === 'wasm' || ext === 'wat') {
      throw new UnlocatedWitError(`failed to read path for WIT [${path}]: binary and text wasm packages are not supported`);
    }
    return resolvePackageGroup(this.parseFiles([this.addSource(path)], dialect2022));
  }

  /** Dependency packages: each directory, and each `.wit`/`.wat`/`.wasm` file, in name order. */
  parseDepsDir(deps: string): PackageGroup[] {
    if (this.fs.kind(deps) !== 'dir') return [];
    try {
      const groups: PackageGroup[] = [];
      const entries = [...this.fs.readDir(deps)].sort((a, b) => compareNames(a.name, b.name));
      for (const entry of entries) {
        const path = joinPath(deps, entry.name);
        if (entry.kind === 'dir') groups.push(this.parseDir(path));
        else if (['wit', 'wat', 'wasm'].includes(extension(entry.name))) groups.push(this.parseFile(path));
      }
      return groups;
    } catch (e) {
      throw withContext(e, `failed to parse dependency directory: ${deps}`);
    }
  }

  locate(span: Span): string {
    const { path, line, col } = spanLocation(span, this.sources);
    return `${path}:${line}:${col}`;
  }
}

function withContext(e: unknown, context: string): unknown {
  return e instanceof WitError ? e.withContext(context) : e;
}

/**
 * Loads the WIT package at `path` (a `.wit` file or a package directory) and its dependencies.
 * Throws `WitLoadError` (a `WitError`) for invalid WIT.
 */
export function loadWit(fs: WitFs, path: string, options: LoadOptions = {}): LoadedWit {
  const loader = new Loader(fs);
  const builder = new ResolveBuilder(options);
  const dialect2022: Dialect2022 =
    options.dialect2022Package === undefined ? {} : { package: options.dialect2022Package };
  const locate = (span: Span) => loader.locate(span);
  try {
    let root: { main: PackageId; nested: PackageId[] };
    const kind = fs.kind(path);
    if (kind === null) throw new UnlocatedWitError(`failed to read path for WIT [${path}]: no such file or directory`);
    if (kind === 'dir') {
      try {
        const rootGroup = loader.parseDir(path, dialect2022);
        const deps = loader.parseDepsDir(joinPath(path, 'deps'));
        root = pushPackageGroups(builder, [rootGroup, ...deps], locate);
      } catch (e) {
        throw withContext(e, `failed to resolve directory while parsing WIT for path [${path}]`);
      }
    } else {
      root = pushPackageGroups(builder, [loader.parseFile(path, dialect2022)], locate);
    }
    return {
      resolve: builder.resolve,
      packages: [root.main, ...root.nested],
      sources: loader.sources,
      spans: builder.spans,
    };
  } catch (e) {
    if (e instanceof WitError) throw new WitLoadError(e, loader.sources);
    throw e;
  }
}
