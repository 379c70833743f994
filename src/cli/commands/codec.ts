/**
 * `witbus codec <wit> --type <interface>.<type> --decode|--encode|--roundtrip`: runs the
 * GENERATED codec for one WIT type over JSON lines on stdin, one result line per input line, to
 * check the codec against serde_json from the outside.
 */
import type { CodecOptions } from '../../codec/options.ts';
import { isRenameRule, RENAME_RULES, type RenameRule } from '../../naming/rename-rule.ts';
import { defineCommand } from '../command.ts';
import { result } from '../output.ts';

interface CodecArgs {
  wit: string;
  type: string;
  decode?: boolean;
  encode?: boolean;
  roundtrip?: boolean;
  fieldRename?: RenameRule;
  caseRename?: RenameRule;
  enumRepr?: string;
  bytes?: 'array' | 'base64';
  witifiedMaps?: boolean;
}

const ENUM_REPR = /^(external|untagged|internal:.+|adjacent:[^,]+,.+)$/;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const command = defineCommand<CodecArgs>({
  command: 'codec <wit>',
  describe: 'run the generated serde_json codec of a WIT type over JSON lines',
  builder: (y) =>
    y
      .positional('wit', { type: 'string', demandOption: true, describe: 'a WIT file or package folder' })
      .option('type', { type: 'string', demandOption: true, describe: 'the type, as <interface>.<type>' })
      .option('decode', { type: 'boolean', describe: 'wire JSON in, the decoded jco value out (tagged JSON)' })
      .option('encode', { type: 'boolean', describe: 'a jco value as tagged JSON in, the wire JSON out' })
      .option('roundtrip', { type: 'boolean', describe: 'wire JSON in, the wire JSON after decode then encode out' })
      .option('field-rename', {
        type: 'string',
        describe: 'serde rename_all for record fields (camelCase, snake_case, ...)',
      })
      .option('case-rename', { type: 'string', describe: 'serde rename_all for variant and enum cases' })
      .option('enum-repr', {
        type: 'string',
        describe: 'external (default) | internal:TAG | adjacent:TAG,CONTENT | untagged',
      })
      .option('bytes', { choices: ['array', 'base64'] as const, describe: 'list<u8> as an array (default) or base64' })
      .option('witified-maps', { type: 'boolean', describe: 'list<tuple<string, V>> as a JSON object' })
      .check((a) => {
        if ([a.decode, a.encode, a.roundtrip].filter(Boolean).length !== 1)
          throw new Error('give exactly one of --decode, --encode, --roundtrip');
        for (const flag of ['field-rename', 'case-rename'] as const) {
          const rule = a[flag];
          if (rule !== undefined && !isRenameRule(rule))
            throw new Error(`--${flag} must be one of ${RENAME_RULES.join(', ')}, not ${rule}`);
        }
        const repr = a['enum-repr'];
        if (repr !== undefined && !ENUM_REPR.test(repr)) throw new Error(`bad --enum-repr '${repr}'`);
        return true;
      })
      .example(
        '$0 codec wit --type http-server.http-response --roundtrip < payloads.jsonl',
        'read and write as serde_json',
      )
      .epilogue(
        [
          'Reads JSON lines on stdin, each line as raw bytes (invalid UTF-8 is rejected as serde_json',
          'rejects it), and writes one line per input: {"ok":true,"output":...} or {"ok":false,"error":"..."}.',
          'jco values as tagged JSON: bigint {"$bigint":"-5"}; typed arrays {"$typed":"Uint8Array",',
          '"values":[1,2]} (64-bit elements as strings); Map {"$map":[[key,value],...]}; unknown flag bits',
          '{"$unknownBits":"128"}; option none is null or absent.',
        ].join('\n'),
      ),
  async run(args) {
    const { parseEnumRepr, typeCodec } = await import('../../service/codec.ts');
    const options: CodecOptions = {
      ...(args.fieldRename !== undefined ? { fieldRename: args.fieldRename } : {}),
      ...(args.caseRename !== undefined ? { caseRename: args.caseRename } : {}),
      ...(args.enumRepr !== undefined ? { enumRepr: parseEnumRepr(args.enumRepr)! } : {}),
      ...(args.bytes !== undefined ? { bytes: args.bytes } : {}),
      ...(args.witifiedMaps ? { witifiedMaps: true } : {}),
    };
    const codec = await typeCodec(args.wit, args.type, options);
    const lines = codec.runLines(await readStdin(), args.decode ? 'decode' : args.encode ? 'encode' : 'roundtrip');
    result(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return 0;
  },
});
export default command;
