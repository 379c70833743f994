/**
 * The witbus command line. Each subcommand lives in `commands/<name>.ts` and exports a
 * `command: CliCommand`; this file only dispatches, so commands stay independent.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './command.ts';
import { reportFailure } from './report.ts';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const file = commandNames().includes(name) ? name : undefined;
  if (file === undefined) return undefined;
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const mod = (await import(`./commands/${file}.${ext}`)) as { command: CliCommand };
  return mod.command;
}

async function usage(): Promise<string> {
  const lines = ['usage: witbus <command> [options]', '', 'commands:'];
  for (const name of commandNames()) {
    const cmd = await loadCommand(name);
    if (cmd) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', 'Run `witbus <command> --help` for a command\'s options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await usage()) + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    process.stdout.write(`witbus ${version}\n`);
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    process.stderr.write(`witbus: unknown command '${name}'\n\n${await usage()}\n`);
    return 2;
  }
  try {
    return await cmd.run(rest.filter((a) => a !== '--verbose'));
  } catch (e) {
    return reportFailure(e, rest.includes('--verbose'));
  }
}

process.exitCode = await main(process.argv.slice(2));
