#!/usr/bin/env node
// The witbus CLI from its TypeScript sources, through tsx's loader: what `npm run witbus`, the
// tests and the benches run, so that none of them needs a build. Run it with
// `node --conditions=witbus-source` to make `witbus/config` (as a config file imports it) resolve
// to the sources too.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/bin.ts');
