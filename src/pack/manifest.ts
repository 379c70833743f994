/**
 * The npm identity and `package.json` of a packed contract: the name from a template, the version
 * from the WIT package, and an exports map that serves the plain adapters everywhere, the
 * components' folders to Node, and the WIT to witbus's resolution through node_modules.
 */
import type { Backend } from '../component/types.ts';
import type { AdapterRole } from '../naming/index.ts';
import { semverError } from '../wit/syntax/semver.ts';

export const DEFAULT_NAME_TEMPLATE = '@{namespace}/{package}-{interface}';

/** The parts of a contract's WIT id a name template may use. */
export interface NameParts {
  namespace: string;
  package: string;
  interface: string;
}

/** A template or version that cannot make a package: the message says which and why. */
export class PackInputError extends Error {
  override name = 'PackInputError';
}

/** npm's rules for a new package name (validate-npm-package-name): lower case, URL-safe, ≤ 214. */
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export function packageName(template: string, parts: NameParts): string {
  const name = template.replace(/\{([^}]*)\}/g, (whole, key: string) => {
    if (key === 'namespace' || key === 'package' || key === 'interface') return parts[key];
    throw new PackInputError(`the name template ${JSON.stringify(template)} has ${whole}; it may use {namespace}, {package} and {interface}`);
  });
  if (name.length > 214 || !NPM_NAME.test(name)) {
    throw new PackInputError(`${JSON.stringify(name)} (from the name template ${JSON.stringify(template)}) is not a valid npm package name`);
  }
  return name;
}

/** `--package-version` if given, else the WIT package's version; npm needs one. */
export function packageVersion(witId: string, witVersion: string | undefined, given: string | undefined): string {
  const version = given ?? witVersion;
  if (version === undefined) {
    throw new PackInputError(`${witId} has no version: give the WIT package one (package ns:name@1.0.0) or pass --package-version`);
  }
  const problem = semverError(version);
  if (problem !== null) throw new PackInputError(`--package-version ${JSON.stringify(version)} is not a semver version: ${problem}`);
  return version;
}

/** The folder of a built component inside the package. */
export const componentPath = (backend: Backend, role: AdapterRole): string => `components/${backend}/${role}`;

export interface ManifestInput {
  name: string;
  version: string;
  description: string;
  witId: string;
  contractId: string;
  backends: Backend[];
}

const ROLES: AdapterRole[] = ['receiver', 'sender'];

export function packageManifest(m: ManifestInput): string {
  const components = Object.fromEntries(
    m.backends.map((b) => [b, Object.fromEntries(ROLES.map((role) => [role, componentPath(b, role)]))]),
  );
  const manifest = {
    name: m.name,
    version: m.version,
    description: m.description,
    keywords: ['wasmbus', 'wit', 'wasm-component', 'witbus'],
    type: 'module',
    sideEffects: false,
    types: './plain/index.d.ts',
    exports: {
      '.': {
        node: { types: './node.d.ts', default: './node.js' },
        types: './plain/index.d.ts',
        default: './plain/index.js',
      },
      './plain': { types: './plain/index.d.ts', default: './plain/index.js' },
      './codec': { types: './plain/codec.d.ts', default: './plain/codec.js' },
      // Ambient declarations of the WIT modules, for business logic built into a component.
      './modules': { types: './modules.d.ts' },
      './components/*': './components/*',
      './wit/*': './wit/*',
      './package.json': './package.json',
    },
    files: ['components', 'modules.d.ts', 'node.d.ts', 'node.js', 'plain', 'wit'],
    // witbus finds the WIT here when another package uses this one; the rest says what is built.
    witbus: { wit: 'wit/', contract: m.witId, contractId: m.contractId, components },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `node.js`: the plain adapters, and where the built components are, for the witbus host. */
export function nodeModule(m: ManifestInput): string {
  const components = Object.fromEntries(m.backends.map((b) => [b, Object.fromEntries(ROLES.map((role) => [role, componentPath(b, role)]))]));
  return `import { fileURLToPath } from 'node:url';

export * from './plain/index.js';

const COMPONENTS = ${JSON.stringify(components)};

/** The folder of a built adapter component, e.g. \`componentDir('quickjs', 'sender')\`, for the witbus host. */
export function componentDir(backend, role) {
  const path = COMPONENTS[backend]?.[role];
  if (path === undefined) {
    throw new Error(\`${m.name} has no \${role} component for the \${backend} backend; it has \${Object.keys(COMPONENTS).join(', ')}\`);
  }
  return fileURLToPath(new URL(\`./\${path}\`, import.meta.url));
}
`;
}

export function nodeDeclarations(m: ManifestInput): string {
  return `export * from './plain/index.js';

/** The engines this package's components were built for. */
export type Backend = ${m.backends.map((b) => JSON.stringify(b)).join(' | ')};

/** The folder of a built adapter component (a witbus component folder), for the witbus host. */
export declare function componentDir(backend: Backend, role: 'receiver' | 'sender'): string;
`;
}
