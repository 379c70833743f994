// What `npm run gen` (`witbus gen`) generates: the adapters and types of every contract in wit/.
import { defineConfig } from 'witbus/config';

export default defineConfig({
  generate: [{ wit: 'wit', out: 'generated' }],
});
