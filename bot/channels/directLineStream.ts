import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { ActivityPage } from '../../data/directLineStore.js';
import type { Logger } from '../logger.js';

/** Tells the streams open on a conversation that it has something new. */
export class ConversationFeed {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(conversationId: string, listener: () => void): () => void {
    const set = this.listeners.get(conversationId) ?? new Set();
    set.add(listener);
    this.listeners.set(conversationId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(conversationId);
    };
  }

  notify(conversationId: string): void {
    for (const listener of this.listeners.get(conversationId) ?? []) listener();
  }
}

export interface StreamOptions {
  /** Matches the stream's path; group 1 is the conversation id. */
  path: RegExp;
  /** Undefined to accept the stream, else the HTTP status to refuse it with. */
  authorize(conversationId: string, token: string | null): Promise<number | undefined>;
  list(conversationId: string, watermark?: number): Promise<ActivityPage | undefined>;
  feed: ConversationFeed;
  logger: Logger;
}

/** Dead connections (a laptop closed mid-chat) are noticed by a missed pong and dropped. */
const PING_INTERVAL_MS = 30_000;

function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function refuse(socket: Socket, status: number): void {
  // Destroyed once written: a client that never closes its side must not hold the socket open.
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/**
 * Direct Line's `streamUrl`: a WebSocket per client on which the channel pushes
 * `{activities, watermark}` as they are appended, starting after the watermark in the URL (from
 * the first kept activity without one, so a welcome sent while the client was connecting is
 * not missed). Messages from the client (the official one sends empty keep-alives) are ignored.
 * `close` drops every stream: upgraded sockets would otherwise keep `server.close` waiting.
 */
export function attachStreams(http: HttpServer, options: StreamOptions): { close(): void } {
  const wss = new WebSocket.Server({ noServer: true });
  const alive = new WeakSet<WebSocket>();

  const serve = (ws: WebSocket, conversationId: string, watermark: number | undefined) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    let sent = watermark;
    let running = false;
    let again = false;
    // Re-reads the store after the last activity sent rather than pushing what was notified: the
    // order and completeness of the stream then never depend on the order notifications arrive in.
    const pump = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const page = await options.list(conversationId, sent);
          if (!page) return ws.close(1000, 'conversation ended');
          if (page.activities.length && ws.readyState === WebSocket.OPEN) {
            sent = page.watermark;
            ws.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
          }
        } while (again);
      } finally {
        running = false;
      }
    };
    const onError = (err: Error) => options.logger.error('directline_stream_failed', { conversation: conversationId, message: err.message });
    const unsubscribe = options.feed.subscribe(conversationId, () => void pump().catch(onError));
    ws.on('close', unsubscribe);
    ws.on('error', onError);
    void pump().catch(onError);
  };

  const accept = async (req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = options.path.exec(url.pathname);
    // The only WebSocket endpoint of the server: any other path is refused, not left hanging.
    if (!match) return refuse(socket, 404);
    const rawWatermark = url.searchParams.get('watermark');
    const conversationId = decodedOrUndefined(match[1]);
    if (conversationId === undefined || (rawWatermark && !/^\d{1,15}$/.test(rawWatermark))) return refuse(socket, 400);
    const status = await options.authorize(conversationId, url.searchParams.get('t'));
    if (status) return refuse(socket, status);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, conversationId, rawWatermark ? Number(rawWatermark) : undefined));
  };
  // The upgrade's own error boundary: a bad URL or a failing store refuses this socket, nothing more.
  // Sockets between the upgrade request and its answer: the HTTP server no longer tracks them.
  const pending = new Set<Socket>();
  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    pending.add(socket);
    socket.on('error', () => socket.destroy());
    accept(req, socket, head)
      .catch((err: Error) => {
        options.logger.error('directline_stream_failed', { message: err.message });
        if (socket.writable) refuse(socket, err instanceof URIError || err instanceof TypeError ? 400 : 500);
        else socket.destroy();
      })
      .finally(() => pending.delete(socket));
  };
  http.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  return {
    close: () => {
      clearInterval(heartbeat);
      http.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      for (const socket of pending) socket.destroy();
      wss.close();
    },
  };
}
