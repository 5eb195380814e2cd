import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where sends without `channelData.dedupeKey` are counted. */
export const NO_KEY = '(no dedupe key)';

/**
 * A channel's Connector endpoint on loopback, where the bot's proactive status updates land
 * (`POST /v3/conversations/:id/activities[/:replyToId]`). Counts every send per dedupe key
 * (`channelData.dedupeKey`), as a channel that drops repeats by that key would see them.
 */
export class FakeConnector {
  /** Sends received, by dedupe key. */
  readonly byKey = new Map<string, number>();
  posts = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeConnector> {
    let connector: FakeConnector | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // Not chained: restify, when loaded in the same process (the test run), makes writeHead return nothing.
        if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(req.url ?? '')) {
          res.statusCode = 404;
          res.end();
          return;
        }
        connector!.record(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `fake-${connector!.posts}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    connector = new FakeConnector(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return connector;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(body: string): void {
    this.posts += 1;
    let key = NO_KEY;
    try {
      key = (JSON.parse(body) as { channelData?: { dedupeKey?: string } }).channelData?.dedupeKey ?? key;
    } catch {
      // Counted under the placeholder: a malformed send is still a send.
    }
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
  }
}
