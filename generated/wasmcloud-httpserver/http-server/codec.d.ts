export type HttpRequest = {
    method: string;
    path: string;
    queryString: string;
    header: Array<[string, string]>;
    body: Uint8Array;
};
export declare function decodeHttpRequest(bytes: Uint8Array): HttpRequest;
export declare function encodeHttpRequest(value: HttpRequest): Uint8Array;
export type HttpResponse = {
    statusCode: number;
    header: Array<[string, string]>;
    body: Uint8Array;
};
export declare function decodeHttpResponse(bytes: Uint8Array): HttpResponse;
export declare function encodeHttpResponse(value: HttpResponse): Uint8Array;
