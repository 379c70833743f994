/**
 * Reading a request body under a size limit, for the httpserver provider. The limit is checked
 * against the declared Content-Length before anything is read, and counted while a chunked body
 * arrives, so a body over the limit is never held in memory.
 */
import type { IncomingMessage } from 'node:http';

/** The request's Content-Length, or undefined for a chunked body (Node has validated the header). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value === undefined ? undefined : Number(value);
}

/**
 * A request with neither Content-Length nor Transfer-Encoding, or a Content-Length of 0, has no
 * body (RFC 9112 §6.3): most GETs, which then need no reading at all.
 */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length === undefined ? req.headers['transfer-encoding'] === undefined : Number(length) === 0;
}

/**
 * The whole body, or `tooLarge` as soon as more than `limit` bytes have arrived; reading then
 * stops. Rejects when the request is aborted (the client left, or its time ran out).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        settle();
        req.pause();
        chunks.length = 0;
        resolve('tooLarge');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      settle();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (e: Error): void => {
      settle();
      reject(e);
    };
    // Node emits 'close' without 'error' for some aborts; without 'end' first it is one.
    const onClose = (): void => {
      settle();
      reject(new Error('the connection closed before the request body was complete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
