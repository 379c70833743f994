/**
 * What an adapter view needs from the other per-contract outputs: the codec functions of a payload
 * shape and the WIT modules it calls. Each imports into the file that asks, so a view never names
 * a module itself.
 */
import type { ContractFunction } from '../../contract/contract.ts';
import type { TypeNamer } from '../../typemap/index.ts';
import type { Type } from '../../wit/model.ts';
import type { GeneratedFile } from '../generated-file.ts';

export type PayloadShape =
  /** A WIT type travels as itself. */
  | { kind: 'type'; type: Type }
  /** The parameters of a function travel as one JSON object. */
  | { kind: 'args'; func: ContractFunction };

export interface AdapterBindings {
  /** Names the contract's named types in `file`, importing them from the types module. */
  typeName(file: GeneratedFile): TypeNamer;
  /** The local name of the encoder of a payload shape in `file`. */
  encoder(file: GeneratedFile, shape: PayloadShape): string;
  /** The local name of the decoder of a payload shape in `file`. */
  decoder(file: GeneratedFile, shape: PayloadShape): string;
  /** The local name of the WIT function's import in an adapter calling the contract. */
  contractImport(file: GeneratedFile, func: ContractFunction): string;
  /** The local name of an export of the codec runtime. */
  runtime(file: GeneratedFile, name: string): string;
  /** The local name of the bus's `send` import. */
  sendImport(file: GeneratedFile): string;
}
