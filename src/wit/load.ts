/**
 * Loading WIT from a path the way wit-parser's `Resolve::push_path` does: a single file is one
 * package (plus the packages nested in it); a directory is one package made of its `*.wit` files,
 * with dependency packages in `deps/` as sub-directories or single files. File access goes through
 * `WitFs`, so this module stays pure. A root whose files are all in wit-bindgen's 2022 dialect (as
 * the wasmCloud seed writes them) is read as one package with an interface per file.
 *
 * A package file may also hold a WIT package in Wasm form (binary or text format). Decoding that
 * needs a Wasm toolchain, which is asynchronous, so it happens before loading (see
 * `src/node/binary-wit.ts`) and reaches the loader as WIT text through `WitFs.decodedPackage`.
 */
import { packageNameString, type PackageId, type Resolve, type Stability } from './model.ts';
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
  /**
   * WIT files (path for diagnostics, and text) whose packages are added when the input neither
   * defines nor brings a package of that name, as if they were in its `deps/`: witbus's bundled
   * `wasmcloud:wasmbus`, so a first contract needs no copy of it.
   */
  fallbackPackages?: { path: string; text: string }[];
  /**
   * Where to find packages that the input refers to but neither defines nor has in `deps/` (the
   * Node face looks in node_modules). Without it, such a reference is an error, as in wit-parser.
   */
  packageSource?: PackageSource;
}

/** A place outside the input that holds WIT packages by name. */
export interface PackageSource {
  /** A package folder or file (read through the same `WitFs`) defining `name` (`ns:pkg@1.0.0`). */
  find(name: string): string | undefined;
  /** Why `name` was not found: where it looked, and what near names it saw. */
  explainMiss(name: string): string;
}

export interface WitDirEntry {
  name: string;
  kind: 'file' | 'dir';
}

/** Thrown by `WitFs.readFile` for a file that is not UTF-8, which wit-parser refuses to read. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
}

export interface WitFs {
  /**
   * The UTF-8 text of a file; throws `NotUtf8Error` when it is not UTF-8 (a package in Wasm form
   * may come back decoded lossily: only its ASCII magic is looked at).
   */
  readFile(path: string): string;
  /** The entries of a directory, symlinks reported as what they point to. */
  readDir(path: string): WitDirEntry[];
  /** What `path` is, or null if it does not exist. */
  kind(path: string): 'file' | 'dir' | null;
  /**
   * For a package file whose contents are Wasm (see `isWasmPackage`), that package decoded to WIT
   * text; undefined when it was not decoded.
   */
  decodedPackage?(path: string): DecodedWitPackage | undefined;
}

/**
 * A WIT package read from Wasm and printed back as WIT: the package itself, and the packages it
 * refers to, each reduced to the items it uses (as wit-parser's decoder returns them). Or why the
 * file could not be decoded.
 */
export type DecodedWitPackage =
  { ok: true; wit: string; deps: { name: string; wit: string }[] } | { ok: false; message: string };

export interface LoadedWit {
  resolve: Resolve;
  /** The root package (the one the path itself defines) first, then the packages nested in its files. */
  packages: PackageId[];
  /** Every file read, indexed by `Span.file`, for rendering errors. */
  sources: SourceMap;
  /** Where the interfaces, functions, types and worlds of `resolve` were written (see `renderModelError`). */
  spans: ModelSpans;
  /** The fallback packages that went in (`ns:name@version`): the input had none of that name. */
  fallbacksUsed: string[];
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

/**
 * wat's `Detect::from_bytes(..).is_wasm()`, which decides for wit-parser whether a package file is
 * Wasm: the binary magic, or a `(` as the first token after whitespace and `;;`/`(; ;)` comments.
 * `text` is the file read as UTF-8 (the magic is ASCII, so it survives).
 */
export function isWasmPackage(text: string): boolean {
  if (text.startsWith('\0asm')) return true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (text.startsWith(';;', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('(;', i)) {
      const end = blockCommentEnd(text, i);
      if (end === null) return false;
      i = end;
    } else return c === '(';
  }
  return false;
}

/** The offset just past the (nestable) block comment that starts at `start`, or null if unclosed. */
function blockCommentEnd(text: string, start: number): number | null {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('(;', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith(';)', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return null;
}

/** The files in `deps/` that are packages; others (say `.DS_Store`) are skipped. */
const DEP_FILE_EXTENSIONS: ReadonlySet<string> = new Set(['wit', 'wat', 'wasm']);

/**
 * The files `loadWit(fs, path)` reads as whole packages, so the ones that may hold Wasm: `path`
 * itself if it is a file, else the `.wit`/`.wat`/`.wasm` files in its `deps/`.
 */
export function packageFilePaths(fs: WitFs, path: string): string[] {
  const kind = fs.kind(path);
  if (kind === 'file') return [path];
  const deps = joinPath(path, 'deps');
  if (kind !== 'dir' || fs.kind(deps) !== 'dir') return [];
  return fs
    .readDir(deps)
    .filter((e) => e.kind === 'file' && DEP_FILE_EXTENSIONS.has(extension(e.name)))
    .map((e) => joinPath(deps, e.name))
    .sort(compareNames);
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

/**
 * wit-parser merges a decoded Wasm package as it is: the feature selection, which decides which
 * `@unstable` items of WIT exist, does not apply to it. So while one is added, all are kept.
 */
class LoadBuilder extends ResolveBuilder {
  private keepUnstable = false;

  override includeStability(stability: Stability, pkg: PackageId, span: Span | null): boolean {
    if (this.keepUnstable && stability.kind === 'unstable') return true;
    return super.includeStability(stability, pkg, span);
  }

  /** `add()`, with every `@unstable` item kept. */
  keepingUnstable<T>(add: () => T): T {
    this.keepUnstable = true;
    try {
      return add();
    } finally {
      this.keepUnstable = false;
    }
  }
}

/**
 * A package file: WIT still to be resolved, or a Wasm package already added to the `Resolve` (as
 * wit-parser merges decoded packages at once, ahead of the WIT packages around them).
 */
type ParsedFile = { kind: 'wit'; group: PackageGroup } | { kind: 'wasm'; id: PackageId };

class Loader {
  readonly sources: SourceMap = { files: [] };

  constructor(
    private readonly fs: WitFs,
    private readonly builder: LoadBuilder,
  ) {}

  private addSource(path: string, text: string = this.readDirFile(path)): number {
    this.sources.files.push({ path, text });
    return this.sources.files.length - 1;
  }

  /** A file of a package folder; wit-parser reads those with `fs::read_to_string`. */
  private readDirFile(path: string): string {
    try {
      return this.fs.readFile(path);
    } catch (e) {
      // `{path:?}` in Rust: the path quoted, as JSON quotes it for any ordinary path.
      if (e instanceof NotUtf8Error)
        throw new UnlocatedWitError(`failed to read file ${JSON.stringify(path)}: stream did not contain valid UTF-8`);
      throw e;
    }
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

  /** A WIT package given as text rather than read from `fs`. */
  parseText(path: string, text: string): PackageGroup {
    return resolvePackageGroup(this.parseFiles([this.addSource(path, text)], null));
  }

  /** A file holding WIT text, or a package in Wasm form, which is added right away. */
  parseFile(path: string, dialect2022: Dialect2022 | null = null): ParsedFile {
    let text: string;
    try {
      text = this.fs.readFile(path);
    } catch (e) {
      if (e instanceof NotUtf8Error) throw new UnlocatedWitError(`input file is not valid utf-8 [${path}]`);
      throw e;
    }
    if (isWasmPackage(text)) return { kind: 'wasm', id: this.pushDecoded(path) };
    return { kind: 'wit', group: resolvePackageGroup(this.parseFiles([this.addSource(path, text)], dialect2022)) };
  }

  /**
   * Adds the decoded Wasm package at `path` and the packages it refers to. A referred package that
   * is already loaded is used as it is; wit-parser would merge the two, which WIT text cannot
   * express, so a decoded package whose own name is taken is refused.
   */
  private pushDecoded(path: string): PackageId {
    const decoded = this.fs.decodedPackage?.(path);
    if (decoded === undefined) {
      throw new UnlocatedWitError(
        `failed to read path for WIT [${path}]: it holds a WIT package in Wasm form, which must be decoded before loading (see loadWitFromDisk)`,
      );
    }
    if (!decoded.ok)
      throw new UnlocatedWitError(`failed to decode the WIT package in Wasm [${path}]: ${decoded.message}`);
    const main = this.parseDecoded(path, decoded.wit);
    const name = packageNameString(main.main.name);
    if (this.builder.packageNames.has(name)) {
      throw new UnlocatedWitError(
        `failed to merge the WIT package in Wasm [${path}]: package \`${name}\` is already loaded`,
      );
    }
    const deps = decoded.deps
      .map((dep) => this.parseDecoded(`${path} (${dep.name})`, dep.wit))
      .filter((group) => !this.builder.packageNames.has(packageNameString(group.main.name)));
    const locate = (span: Span) => this.locate(span);
    return this.builder.keepingUnstable(() => pushPackageGroups(this.builder, [main, ...deps], locate).main);
  }

  /** Decoded WIT, recorded under the Wasm file's name so that diagnostics point there. */
  private parseDecoded(name: string, text: string): PackageGroup {
    return resolvePackageGroup([parseWitFile(this.addSource(name, text), text)]);
  }

  /**
   * Dependency packages: each directory, and each `.wit`/`.wat`/`.wasm` file, in name order. Wasm
   * packages are added to the `Resolve` as they are met, so only WIT ones are returned.
   */
  parseDepsDir(deps: string): PackageGroup[] {
    if (this.fs.kind(deps) !== 'dir') return [];
    try {
      const groups: PackageGroup[] = [];
      const entries = [...this.fs.readDir(deps)].sort((a, b) => compareNames(a.name, b.name));
      for (const entry of entries) {
        const path = joinPath(deps, entry.name);
        if (entry.kind === 'dir') groups.push(this.parseDir(path));
        else if (DEP_FILE_EXTENSIONS.has(extension(entry.name))) {
          const parsed = this.parseFile(path);
          if (parsed.kind === 'wit') groups.push(parsed.group);
        }
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

/**
 * A WIT package may not take a name that a Wasm package already took: wit-parser fails an
 * assertion there, so this says what is wrong instead.
 */
function checkNotLoaded(builder: ResolveBuilder, groups: PackageGroup[]): void {
  for (const group of groups) {
    for (const pkg of [...group.nested, group.main]) {
      const name = packageNameString(pkg.name);
      if (builder.packageNames.has(name)) {
        throw new WitError(pkg.nameSpan, `package \`${name}\` is already loaded from a package in Wasm form`);
      }
    }
  }
}

function withContext(e: unknown, context: string): unknown {
  return e instanceof WitError ? e.withContext(context) : e;
}

/**
 * Loads the WIT package at `path` (a `.wit` file, a package in Wasm form, or a package directory)
 * and its dependencies. Throws `WitLoadError` (a `WitError`) for invalid WIT, and for Wasm packages
 * that `fs` does not provide decoded.
 */
export function loadWit(fs: WitFs, path: string, options: LoadOptions = {}): LoadedWit {
  const builder = new LoadBuilder(options);
  const loader = new Loader(fs, builder);
  const dialect2022: Dialect2022 =
    options.dialect2022Package === undefined ? {} : { package: options.dialect2022Package };
  const locate = (span: Span) => loader.locate(span);
  const packagesOf = (groups: PackageGroup[]) => groups.flatMap((g) => [g.main, ...g.nested]);
  // Packages referred to but not defined come from the package source, as many rounds as their
  // own references need; then the fallback packages, unless a package of that name is there.
  const fallbacksUsed: string[] = [];
  const withFallbacks = (input: PackageGroup[]): PackageGroup[] => {
    const groups = [...input];
    const source = options.packageSource;
    const defined = new Set([
      ...builder.packageNames.keys(),
      ...packagesOf(groups).map((p) => packageNameString(p.name)),
    ]);
    for (let round = packagesOf(groups); source !== undefined && round.length > 0;) {
      const found: PackageGroup[] = [];
      for (const dep of new Set(round.flatMap((p) => [...p.foreignDeps.keys()]))) {
        if (defined.has(dep)) continue;
        defined.add(dep);
        const path = source.find(dep);
        if (path === undefined) continue;
        const group = fs.kind(path) === 'dir' ? loader.parseDir(path) : loader.parseFile(path);
        if ('main' in group) found.push(group);
        else if (group.kind === 'wit') found.push(group.group);
      }
      groups.push(...found);
      round = packagesOf(found);
    }
    const names = new Set(packagesOf(groups).map((p) => `${p.name.namespace}:${p.name.name}`));
    const extra = (options.fallbackPackages ?? [])
      .map((f) => loader.parseText(f.path, f.text))
      .filter((g) => !names.has(`${g.main.name.namespace}:${g.main.name.name}`));
    fallbacksUsed.push(...extra.map((g) => packageNameString(g.main.name)));
    return [...groups, ...extra];
  };
  try {
    let root: { main: PackageId; nested: PackageId[] };
    const kind = fs.kind(path);
    if (kind === null) throw new UnlocatedWitError(`failed to read path for WIT [${path}]: no such file or directory`);
    if (kind === 'dir') {
      try {
        const rootGroup = loader.parseDir(path, dialect2022);
        const groups = [rootGroup, ...loader.parseDepsDir(joinPath(path, 'deps'))];
        checkNotLoaded(builder, groups);
        root = pushPackageGroups(builder, withFallbacks(groups), locate);
      } catch (e) {
        throw withContext(e, `failed to resolve directory while parsing WIT for path [${path}]`);
      }
    } else {
      const parsed = loader.parseFile(path, dialect2022);
      root =
        parsed.kind === 'wasm'
          ? { main: parsed.id, nested: [] }
          : pushPackageGroups(builder, withFallbacks([parsed.group]), locate);
    }
    return {
      resolve: builder.resolve,
      packages: [root.main, ...root.nested],
      sources: loader.sources,
      spans: builder.spans,
      fallbacksUsed,
    };
  } catch (e) {
    if (e instanceof WitError) throw new WitLoadError(withMissExplained(e, options.packageSource), loader.sources);
    throw e;
  }
}

/** A "package not found" error, with where the package source looked. */
function withMissExplained(e: WitError, source: PackageSource | undefined): WitError {
  const missing = /package '([^']+)' not found/.exec(e.message);
  if (source === undefined || missing === null) return e;
  const explained = `${e.message}\n${source.explainMiss(missing[1]!)}`;
  return e instanceof UnlocatedWitError ? new UnlocatedWitError(explained) : new WitError(e.span, explained);
}
