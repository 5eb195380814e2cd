import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';

export interface ReceivedActivity {
  conversationId: string;
  text?: string;
  dedupeKey?: string;
}

/**
 * A Bot Framework channel's Connector endpoint on loopback, as the CloudAdapter calls it to send:
 * `POST /v3/conversations/:id/activities` (and `.../activities/:replyToId`, which proactive
 * sends use). It records what it accepts and answers `{ id }`.
 */
export class ConnectorStub {
  readonly received: ReceivedActivity[] = [];
  /** The whole activities accepted, for what `received` leaves out (sender, buttons). */
  readonly activities: Record<string, unknown>[] = [];
  /** Requests answered with an error, the connector's own retries included. */
  rejected = 0;
  /**
   * Answer every request with this status instead of accepting it. The connector client retries
   * 5xx answers itself (3 times): after a 500 it waits about 5 s of real time in all; a 503 with
   * `Retry-After: 0` makes those retries immediate. A 403 or 404 (the conversation is gone) is
   * not retried.
   */
  failWith: 403 | 404 | 500 | 503 | null = null;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private arrivalWaiters: (() => void)[] = [];

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<ConnectorStub> {
    const server = restify.createServer();
    server.use(restify.plugins.bodyParser());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const stub = new ConnectorStub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const handle = async (req: Request, res: Response) => stub.handle(req, res);
    server.post('/v3/conversations/:conversationId/activities', handle);
    server.post('/v3/conversations/:conversationId/activities/:activityId', handle);
    return stub;
  }

  /** Requests from now on wait (unanswered) until `release`. */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  /** Resolves when the next request arrives. */
  nextArrival(): Promise<void> {
    return new Promise((resolve) => this.arrivalWaiters.push(resolve));
  }

  close(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: Request, res: Response): Promise<void> {
    for (const arrived of this.arrivalWaiters.splice(0)) arrived();
    if (this.gate) await this.gate;
    if (this.failWith !== null) {
      this.rejected += 1;
      if (this.failWith === 503) res.header('Retry-After', '0');
      res.send(this.failWith, { error: { code: 'ServiceError', message: 'connector stub failure' } });
      return;
    }
    const body = (req.body ?? {}) as { text?: string; channelData?: { dedupeKey?: string } };
    this.activities.push(req.body as Record<string, unknown>);
    this.received.push({ conversationId: String(req.params.conversationId), text: body.text, dedupeKey: body.channelData?.dedupeKey });
    res.send(200, { id: `stub-${this.received.length}` });
  }
}
