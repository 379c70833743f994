// The bundled contracts: `witbus gen` regenerates generated/, and CI runs `witbus gen --check`.
import { defineConfig } from './src/config/config.ts';

export default defineConfig({
  generate: [
    { wit: 'wit', out: 'generated' },
    {
      // The seed's 2022-dialect files: their interfaces are named after the files, so the wasmbus
      // names the seed's Rust code used are set here.
      wit: 'wit/seed',
      out: 'generated',
      contracts: {
        interfaces: {
          httpserver: { contractId: 'wasmcloud:httpserver', service: 'HttpServer' },
          keyvalue: { contractId: 'wasmcloud:keyvalue', service: 'KeyValue' },
        },
      },
    },
  ],
});
