#!/usr/bin/env node
// Runs the built CLI (`npm run build`, which `npm ci` and `npm pack` run through `prepare`).
// In a clone, `npm run witbus` runs the TypeScript sources instead (scripts/witbus-dev.mjs).
await import('../dist/src/cli/bin.js');
