import type { Response } from 'restify';

import type { AgentCaller } from './agentAuth.js';

interface Stream {
  caller: AgentCaller;
  res: Response;
}

/** A frame of the live queue for one agent, built when something changed. */
export type Snapshot = (caller: AgentCaller) => Promise<unknown>;

const HEARTBEAT_MS = 25_000;
/** Changes within this are sent as one frame: a burst of 50 new hand-offs is one update. */
const COALESCE_MS = 15;
/** What may wait unsent for one console before frames are skipped. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * The agent consoles watching the queue, as server-sent events: each open console gets a
 * snapshot at once and again after every change of a hand-off. Agents with a console open are
 * the ones on duty. Streams close with the server.
 */
export class DeskEvents {
  private readonly streams = new Set<Stream>();
  private timer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  /**
   * `signedIn` tells whether a caller's session still holds: a console whose agent logged out,
   * whose session expired or whose account was locked is closed (and no longer on duty) at the
   * next frame or heartbeat.
   */
  constructor(
    private readonly snapshot: Snapshot,
    private readonly signedIn: (caller: AgentCaller) => Promise<boolean> = async () => true,
  ) {
    this.heartbeat = setInterval(() => {
      for (const s of this.streams) void this.ifSignedIn(s, () => s.res.write(': keep-alive\n\n'));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Agents with a console open now. */
  onDuty(): number {
    return new Set([...this.streams].map((s) => s.caller.name)).size;
  }

  /** Agents with a console open now, by name. */
  agentsOnDuty(): string[] {
    return [...new Set([...this.streams].map((s) => s.caller.name))].sort();
  }

  async open(caller: AgentCaller, res: Response): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const stream = { caller, res };
    this.streams.add(stream);
    res.on('close', () => {
      this.streams.delete(stream);
      // Someone left the desk: the others' view of who is on duty changes.
      this.changed();
    });
    await this.send(stream);
    this.changed();
  }

  /** Something changed: every console gets a fresh snapshot shortly. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const s of this.streams) void this.send(s);
    }, COALESCE_MS);
  }

  close(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.timer);
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  private async send(stream: Stream): Promise<void> {
    try {
      await this.ifSignedIn(stream, async () => {
        // A console that stopped reading is not buffered for without end: it gets the next frame it can take.
        if (stream.res.writableLength > MAX_BUFFERED_BYTES) return;
        const frame = await this.snapshot(stream.caller);
        if (this.streams.has(stream)) stream.res.write(`event: desk\ndata: ${JSON.stringify(frame)}\n\n`);
      });
    } catch {
      // A snapshot that failed is sent again at the next change; the stream stays open.
    }
  }

  private async ifSignedIn(stream: Stream, then: () => unknown): Promise<void> {
    if (await this.signedIn(stream.caller)) {
      await then();
      return;
    }
    this.streams.delete(stream);
    stream.res.end();
    this.changed();
  }
}
