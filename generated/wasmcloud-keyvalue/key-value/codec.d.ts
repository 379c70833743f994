export type String = string;
export declare function decodeString(bytes: Uint8Array): String;
export declare function encodeString(value: String): Uint8Array;
export type GetResponse = {
    value: string;
    exists: boolean;
};
export declare function decodeGetResponse(bytes: Uint8Array): GetResponse;
export declare function encodeGetResponse(value: GetResponse): Uint8Array;
export type SetArgs = {
    key: string;
    value: string;
    expires: number;
};
export declare function decodeSetArgs(bytes: Uint8Array): SetArgs;
export declare function encodeSetArgs(value: SetArgs): Uint8Array;
export type Bool = boolean;
export declare function decodeBool(bytes: Uint8Array): Bool;
export declare function encodeBool(value: Bool): Uint8Array;
export type IncrementArgs = {
    key: string;
    value: number;
};
export declare function decodeIncrementArgs(bytes: Uint8Array): IncrementArgs;
export declare function encodeIncrementArgs(value: IncrementArgs): Uint8Array;
export type S32 = number;
export declare function decodeS32(bytes: Uint8Array): S32;
export declare function encodeS32(value: S32): Uint8Array;
export type ListAddArgs = {
    listName: string;
    value: string;
};
export declare function decodeListAddArgs(bytes: Uint8Array): ListAddArgs;
export declare function encodeListAddArgs(value: ListAddArgs): Uint8Array;
export type U32 = number;
export declare function decodeU32(bytes: Uint8Array): U32;
export declare function encodeU32(value: U32): Uint8Array;
export type ListDelArgs = {
    listName: string;
    value: string;
};
export declare function decodeListDelArgs(bytes: Uint8Array): ListDelArgs;
export declare function encodeListDelArgs(value: ListDelArgs): Uint8Array;
export type ListRangeArgs = {
    listName: string;
    start: number;
    stop: number;
};
export declare function decodeListRangeArgs(bytes: Uint8Array): ListRangeArgs;
export declare function encodeListRangeArgs(value: ListRangeArgs): Uint8Array;
export type ListString = Array<string>;
export declare function decodeListString(bytes: Uint8Array): ListString;
export declare function encodeListString(value: ListString): Uint8Array;
export type SetAddArgs = {
    setName: string;
    value: string;
};
export declare function decodeSetAddArgs(bytes: Uint8Array): SetAddArgs;
export declare function encodeSetAddArgs(value: SetAddArgs): Uint8Array;
export type SetDelArgs = {
    setName: string;
    value: string;
};
export declare function decodeSetDelArgs(bytes: Uint8Array): SetDelArgs;
export declare function encodeSetDelArgs(value: SetDelArgs): Uint8Array;
