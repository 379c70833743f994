/**
 * The README of a packed contract, from the WIT: its doc comments, each function's wasmbus method
 * string and the JSON shape of its request and reply payloads, and how to use the package.
 */
import type { Contract, ContractFunction } from '../contract/contract.ts';
import type { Backend } from '../component/types.ts';
import { contractTypeNames, functionSignature } from '../gen/adapters/types-file.ts';
import { serdeFieldName } from '../naming/index.ts';
import { jsonShape } from '../typemap/json-shape.ts';
import type { Resolve } from '../wit/model.ts';

export interface ReadmeInput {
  resolve: Resolve;
  contract: Contract;
  name: string;
  backends: Backend[];
}

const EMPTY = 'empty';

function requestShape(resolve: Resolve, f: ContractFunction): string {
  switch (f.args.kind) {
    case 'none':
      return EMPTY;
    case 'single':
      return jsonShape(resolve, f.args.param.type);
    case 'object':
      return `{${f.args.params.map((p) => `${JSON.stringify(serdeFieldName(p.name))}: ${jsonShape(resolve, p.type)}`).join(', ')}}`;
  }
}

function replyShape(resolve: Resolve, f: ContractFunction): string {
  switch (f.result.kind) {
    case 'none':
      return EMPTY;
    case 'rpc':
      return f.result.ok === null ? EMPTY : jsonShape(resolve, f.result.ok);
    case 'result':
    case 'value':
      return jsonShape(resolve, f.result.type);
  }
}

/** Markdown inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

function functionSection(resolve: Resolve, f: ContractFunction, names: ReturnType<typeof contractTypeNames>): string {
  const s = functionSignature(resolve, f, (id) => names.get(id));
  const docs = f.func.docs.contents?.trim();
  const errors =
    f.result.kind === 'rpc'
      ? 'an `rpc-error`, through the wasmbus error channel'
      : f.result.kind === 'result'
        ? 'inside the reply, as `{"Err": …}`'
        : 'only wasmbus `rpc-error`s';
  return [
    `### ${code(f.func.name)}`,
    '',
    ...(docs ? [docs, ''] : []),
    `- wasmbus method: ${code(f.method)} (receivers also accept ${code(f.operation)})`,
    `- JavaScript: ${code(`${s.name}(${s.params.map((p) => `${p.name}: ${p.type}`).join(', ')}): ${s.returnType}`)}`,
    `- request payload: ${code(requestShape(resolve, f))}`,
    `- reply payload: ${code(replyShape(resolve, f))}`,
    `- errors: ${errors}`,
  ].join('\n');
}

export function packReadme(input: ReadmeInput): string {
  const { resolve, contract: c, name } = input;
  const iface = resolve.interfaces[c.interface]!;
  const pkg = iface.package === null ? undefined : resolve.packages[iface.package];
  const names = contractTypeNames(resolve, c);
  const intro = [pkg?.docs.contents?.trim(), iface.docs.contents?.trim()].filter((d): d is string => d !== undefined && d !== '');
  const first = c.functions[0];
  const sample = first === undefined ? '' : `${functionSignature(resolve, first, (id) => names.get(id)).name}(…)`;
  return [
    `# ${name}`,
    '',
    ...intro.flatMap((d) => [d, '']),
    `The WIT interface ${code(c.witId)} as a wasmbus contract: contract id ${code(c.contractId)}. Packed by witbus with its adapter components (${input.backends.join(', ')}), plain JavaScript adapters, and the WIT.`,
    '',
    'Payloads are serde-style JSON, as Rust\'s serde_json writes the types wit-bindgen generates from the same WIT. A shape like `{"key": string}` is a JSON object with that field; `[T, ...]` is an array; `empty` is an empty payload.',
    '',
    '## Functions',
    '',
    ...c.functions.flatMap((f) => [functionSection(resolve, f, names), '']),
    '## Using it',
    '',
    '### From JavaScript, without Wasm',
    '',
    '```js',
    `import { createReceiver, createSender } from '${name}';`,
    '',
    '// A receiver calls your implementation of the contract with decoded arguments.',
    'const receiver = createReceiver(implementation);',
    '// A sender turns each call into a wasmbus message for your transport.',
    'const contract = createSender((msg, contractName, linkName) => receiver.receive(msg));',
    ...(sample === '' ? [] : [`contract.${sample};`]),
    '```',
    '',
    'A failed call throws its error as a plain value (`{ tag: "deser", val: "…" }`). Types come with the package; the codec alone is',
    `\`${name}/codec\`.`,
    '',
    '### In the witbus host',
    '',
    '```js',
    `import { componentDir } from '${name}';`,
    '',
    `const dir = componentDir('${input.backends[0] ?? 'sm'}', 'sender'); // or 'receiver': a witbus component folder`,
    '```',
    '',
    '### As a WIT dependency',
    '',
    `Once the package is installed, WIT that uses ${code(c.witId)} resolves it from node_modules (package.json: \`"witbus": { "wit": "wit/" }\`), in \`witbus gen\`, \`witbus build\` and \`witbus wit\`.`,
    '',
  ].join('\n');
}
