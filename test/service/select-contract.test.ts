/** The one rule by which every face of witbus selects a contract of a WIT input by name. */
import { describe, expect, it } from 'vitest';
import { selectContract } from '../../src/service/select-contract.ts';

const IDS = ['acme:counter/counter@0.1.0', 'acme:names/lookup@0.2.0', 'acme:names/counter@0.2.0'];

describe('selectContract', () => {
  it('finds a contract by its WIT id, its unversioned id, or its interface name, the first that answers', () => {
    expect(selectContract(IDS, 'wit', 'acme:names/lookup@0.2.0', 'how')).toBe(1);
    expect(selectContract(IDS, 'wit', 'acme:names/lookup', 'how')).toBe(1);
    expect(selectContract(IDS, 'wit', 'lookup', 'how')).toBe(1);
    expect(selectContract(IDS, 'wit', 'acme:names/counter', 'how')).toBe(2);
    expect(selectContract(IDS, 'wit', 'counter', 'how')).toBe(0);
  });

  it('takes the only contract without a name', () => {
    expect(selectContract(['acme:counter/counter@0.1.0'], 'wit', undefined, 'how')).toBe(0);
  });

  it('refuses a name no contract answers to (a package or a version alone among them), listing the ids', () => {
    for (const name of ['names', 'acme:names', '0.2.0', 'acme:names/lookup@0.1.0', 'names/lookup'])
      expect(() => selectContract(IDS, 'x.wit', name, 'how')).toThrow(
        `error: x.wit has no contract ${name}; it has acme:counter/counter@0.1.0, acme:names/lookup@0.2.0, acme:names/counter@0.2.0`,
      );
    expect(() => selectContract([], 'x.wit', 'counter', 'how')).toThrow(
      'error: x.wit has no contract counter; it has none',
    );
  });

  it('asks for a name, the way `how` says, when there are several, and says when there is none', () => {
    expect(() => selectContract(IDS.slice(0, 2), 'x.wit', undefined, '&interface=<name>')).toThrow(
      'error: x.wit has 2 contract interfaces: choose one with &interface=<name> (acme:counter/counter@0.1.0, acme:names/lookup@0.2.0)',
    );
    expect(() => selectContract([], 'x.wit', undefined, 'how')).toThrow('error: x.wit has no contract interfaces');
  });
});
