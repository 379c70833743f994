/**
 * The same business logic on the seed's own 2022-dialect WIT (`wit/seed/`, read verbatim as the
 * package `witbus:seed`): its interfaces are named after the seed's files.
 */
/// <reference path="../../generated/witbus-seed/keyvalue/modules.d.ts" />
import { increment } from 'witbus:seed/keyvalue';
import type { Httpserver } from '../../generated/witbus-seed/httpserver/types.ts';
import { handleCounterRequest } from './counter.ts';

export const httpserver: Httpserver = {
  handleRequest: (req) => handleCounterRequest(req, increment),
};
