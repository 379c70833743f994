/**
 * Checks a loaded config against `WitbusConfig`, so a typo gives a message naming the key
 * instead of a failure deep inside generation.
 */
import { isRenameRule } from '../naming/index.ts';

type Check = (value: unknown, path: string, problems: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, path, problems) => {
  if (typeof v !== 'string') problems.push(`${path} must be a string`);
};
const bool: Check = (v, path, problems) => {
  if (typeof v !== 'boolean') problems.push(`${path} must be a boolean`);
};
const strings: Check = (v, path, problems) => {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) problems.push(`${path} must be an array of strings`);
};
const oneOf =
  (...allowed: string[]): Check =>
  (v, path, problems) => {
    if (typeof v !== 'string' || !allowed.includes(v))
      problems.push(`${path} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  };
const renameRule: Check = (v, path, problems) => {
  if (typeof v !== 'string' || !isRenameRule(v))
    problems.push(`${path} must be a serde rename_all rule, got ${JSON.stringify(v)}`);
};

function shape(fields: Record<string, Check>, required: string[] = []): Check {
  return (v, path, problems) => {
    if (!isObject(v)) {
      problems.push(`${path} must be an object`);
      return;
    }
    for (const key of required) if (!(key in v)) problems.push(`${path}.${key} is required`);
    for (const [key, value] of Object.entries(v)) {
      const check = fields[key];
      if (!check) problems.push(`${path}.${key} is not a known option (known: ${Object.keys(fields).join(', ')})`);
      else if (value !== undefined) check(value, `${path}.${key}`, problems);
    }
  };
}

function record(check: Check): Check {
  return (v, path, problems) => {
    if (!isObject(v)) problems.push(`${path} must be an object`);
    else for (const [k, value] of Object.entries(v)) check(value, `${path}[${JSON.stringify(k)}]`, problems);
  };
}

const enumRepr: Check = (v, path, problems) => {
  if (!isObject(v)) return void problems.push(`${path} must be an object`);
  const byKind: Record<string, Check> = {
    external: shape({ kind: str }),
    untagged: shape({ kind: str }),
    internal: shape({ kind: str, tag: str }, ['tag']),
    adjacent: shape({ kind: str, tag: str, content: str }, ['tag', 'content']),
  };
  const check = typeof v.kind === 'string' ? byKind[v.kind] : undefined;
  if (!check) problems.push(`${path}.kind must be one of "external", "internal", "adjacent", "untagged"`);
  else check(v, path, problems);
};

const interfaceOverride = shape({
  contractId: str,
  service: str,
  linkName: str,
  functions: record(shape({ method: str })),
});

const target = shape(
  {
    wit: str,
    out: str,
    features: strings,
    allFeatures: bool,
    nodeModules: bool,
    contracts: shape({
      contractId: str,
      interfaces: record(interfaceOverride),
      include: strings,
      exclude: strings,
      skipUnsupported: bool,
    }),
    codec: shape({
      fieldRename: renameRule,
      caseRename: renameRule,
      enumRepr,
      bytes: oneOf('array', 'base64'),
      witifiedMaps: bool,
    }),
  },
  ['wit', 'out'],
);

/** Problems with `value` as a config, each naming the offending key; empty when valid. */
export function validateConfig(value: unknown): string[] {
  const problems: string[] = [];
  shape(
    {
      generate: (v, path, p) =>
        Array.isArray(v) ? v.forEach((t, i) => target(t, `${path}[${i}]`, p)) : p.push(`${path} must be an array`),
    },
    ['generate'],
  )(value, 'config', problems);
  return problems;
}
