/**
 * The two contract interfaces the business logic touches, as componentize-js and componentize-qjs
 * bind them (camelCase fields, an `err` arrives as a thrown value carrying `.payload`).
 */
declare module 'wasmcloud:keyvalue/key-value@0.1.0' {
  /** Increments the numeric value of `key` by `value` and returns the new value. */
  export function increment(key: string, value: number): number;
}

declare module 'wasmcloud:httpserver/http-server@0.1.0' {
  export interface HttpRequest {
    method: string;
    path: string;
    queryString: string;
    header: [string, string][];
    body: Uint8Array;
  }
  export interface HttpResponse {
    statusCode: number;
    header: [string, string][];
    body: Uint8Array;
  }
}
