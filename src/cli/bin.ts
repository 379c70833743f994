/** The `witbus` executable: runs the CLI on the process's arguments and exits with its code. */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
