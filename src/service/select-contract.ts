/**
 * Which contract of a WIT input a user names, the one rule for every face that takes a name: the
 * plugin's `?component=…&interface=<name>` and `virtual:witbus/<name>`, and `providerFor`'s
 * `interface` option. A contract answers to its WIT id (`acme:counter/counter@0.1.0`), that id
 * without its version, and its interface name (`counter`).
 */
import { unversioned } from '../host/actor.ts';
import { UserError } from './errors.ts';

/** Whether `name` names the contract whose WIT id is `witId`. */
export function namesContract(witId: string, name: string): boolean {
  const id = unversioned(witId);
  return name === witId || name === id || name === id.slice(id.indexOf('/') + 1);
}

/**
 * The index in `witIds` (the WIT input `wit`'s contracts) of the one `name` names, or of its only
 * contract when no name is given; `how` says how a user names one (`&interface=<name>`).
 */
export function selectContract(witIds: string[], wit: string, name: string | undefined, how: string): number {
  const listed = witIds.join(', ') || 'none';
  if (name === undefined) {
    if (witIds.length === 1) return 0;
    if (witIds.length === 0) throw new UserError(`error: ${wit} has no contract interfaces`);
    throw new UserError(`error: ${wit} has ${witIds.length} contract interfaces: choose one with ${how} (${listed})`);
  }
  const index = witIds.findIndex((id) => namesContract(id, name));
  if (index < 0) throw new UserError(`error: ${wit} has no contract ${name}; it has ${listed}`);
  return index;
}
