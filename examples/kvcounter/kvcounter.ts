/**
 * The seed's kvcounter business logic on the modern contracts: it imports the typed keyvalue
 * contract and exports the typed httpserver one.
 */
/// <reference path="../../generated/wasmcloud-keyvalue/key-value/modules.d.ts" />
import { increment } from 'wasmcloud:keyvalue/key-value@0.1.0';
import type { HttpServer } from '../../generated/wasmcloud-httpserver/http-server/types.ts';
import { handleCounterRequest } from './counter.ts';

export const httpServer: HttpServer = {
  handleRequest: (req) => handleCounterRequest(req, increment),
};
