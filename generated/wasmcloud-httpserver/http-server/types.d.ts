/** The errors of wasmbus-rpc's `RpcError`, in its order. */
export type RpcError = {
    tag: 'deadline-exceeded';
    val: string;
} | {
    tag: 'not-initialized';
    val: string;
} | {
    tag: 'method-not-handled';
    val: string;
} | {
    tag: 'not-implemented';
} | {
    tag: 'host-error';
    val: string;
} | {
    tag: 'deser';
    val: string;
} | {
    tag: 'ser';
    val: string;
} | {
    tag: 'rpc';
    val: string;
} | {
    tag: 'nats';
    val: string;
} | {
    tag: 'invalid-parameter';
    val: string;
} | {
    tag: 'actor-handler';
    val: string;
} | {
    tag: 'provider-init';
    val: string;
} | {
    tag: 'timeout';
    val: string;
} | {
    tag: 'other';
    val: string;
};
/** A list of header names and values. */
export type HeaderMap = Array<[string, string]>;
export type HttpRequest = {
    method: string;
    path: string;
    queryString: string;
    header: HeaderMap;
    body: Uint8Array;
};
export type HttpResponse = {
    statusCode: number;
    header: HeaderMap;
    body: Uint8Array;
};
/** The `wasmcloud:httpserver/http-server@0.1.0` contract (`wasmcloud:httpserver` on wasmbus). */
export interface HttpServer {
    /**
     * wasmbus method `HttpServer.HandleRequest`.
     * @throws the rpc-error as a plain value
     */
    handleRequest(req: HttpRequest): HttpResponse;
}
