/** Why a WIT input cannot become adapters, and where in the WIT the problem is. */
import type { InterfaceId, TypeId } from '../wit/model.ts';

export class ContractError extends Error {
  constructor(
    message: string,
    /** Where the problem is, for callers that can point into WIT. */
    readonly at: { interface: InterfaceId; func?: string; type?: TypeId },
  ) {
    super(message);
  }
}
