import { connect } from 'node:net';

const HALF_CLOSE_AFTER_MS = 1000;

export interface RawAnswer {
  /** The status in the answer's status line; 0 when the server closed without answering. */
  status: number;
  head: string;
  body: string;
}

/**
 * Sends bytes exactly as given (any method, path, escapes, headers) on a fresh connection and
 * reads the answer until the server closes it or `timeoutMs` passes; fetch would refuse or
 * rewrite much of what a fuzzer needs to send.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(endLater);
      socket.destroy();
      // An interim `100 Continue` is not the answer.
      const text = Buffer.concat(chunks).toString('utf8').replace(/^(HTTP\/1\.[01] 100 [^\r]*\r\n\r\n)+/, '');
      const at = text.indexOf('\r\n\r\n');
      const head = at < 0 ? text : text.slice(0, at);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: at < 0 ? '' : text.slice(at + 4) });
    };
    const timer = setTimeout(finish, timeoutMs);
    // Not half-closed at once: a server may drop the answer to a request whose client has
    // ended its side. A request that declared more body than it sent is ended after a moment.
    const endLater = setTimeout(() => socket.end(), HALF_CLOSE_AFTER_MS);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // One answer is all that is wanted: stop once its head and declared body are in.
      const text = Buffer.from(Buffer.concat(chunks).toString('latin1').replace(/^(HTTP\/1\.[01] 100 [^\r]*\r\n\r\n)+/, ''), 'latin1');
      const at = text.indexOf('\r\n\r\n');
      if (at < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.subarray(0, at).toString('latin1'))?.[1];
      if (/^HTTP\/1\.1 101/.test(text.toString('latin1', 0, 12)) || (length !== undefined && text.length >= at + 4 + Number(length))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      // A reset after a refusal still counts as that refusal when its answer arrived.
      if (chunks.length) finish();
      else {
        settled = true;
        clearTimeout(timer);
        clearTimeout(endLater);
        reject(err);
      }
    });
  });
}
