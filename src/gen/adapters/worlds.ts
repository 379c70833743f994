/** The adapter worlds' WIT folder: a world file plus every package it needs under deps/. */
import type { Contract } from '../../contract/contract.ts';
import { interfaceWitId } from '../../contract/identity.ts';
import { printWit } from '../../wit/print/index.ts';
import type { Resolve } from '../../wit/model.ts';
import { GENERATED_HEADER } from '../generated-file.ts';
import { contractLayout, depFile } from '../layout.ts';
import { packageClosure } from '../package-deps.ts';
import { render, type TemplateSet } from '../templates.ts';

/** The package that holds the `receiver` and `sender` worlds of an adapter pair. */
export const ADAPTER_PACKAGE = 'witbus:adapters';

export function adapterWorldFiles(
  resolve: Resolve,
  templates: TemplateSet,
  c: Contract,
): { path: string; content: string }[] {
  const layout = contractLayout(resolve, c);
  const worlds = render(templates, 'adapter-worlds.wit', {
    witId: c.witId,
    packageName: ADAPTER_PACKAGE,
    contractWitId: c.witId,
    receiverWitId: interfaceWitId(resolve, c.bus.receiver),
    senderWitId: interfaceWitId(resolve, c.bus.sender),
  });
  const roots = [c.interface, c.bus.receiver, c.bus.sender].map((id) => resolve.interfaces[id]!.package);
  const deps = packageClosure(
    resolve,
    roots.filter((p): p is number => p !== null),
  );
  return [
    { path: layout.worlds, content: `${GENERATED_HEADER}\n${worlds}` },
    ...deps.map((p) => ({
      path: `${layout.witDir}/${depFile(resolve, p)}`,
      content: `${GENERATED_HEADER}\n${printWit(resolve, p)}`,
    })),
  ];
}
