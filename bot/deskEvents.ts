import { randomUUID } from 'node:crypto';
import type { Response } from 'restify';
import { systemClock, type Clock } from '../data/clock.js';
import type { ConsoleLease, DeskPresence } from '../data/deskPresence.js';
import { MemoryDeskPresence } from '../data/memory/memoryDeskPresence.js';
import type { AgentCaller } from './agentAuth.js';

interface Stream {
  /** This instance's id and a number: unique across instances, and tells our own leases from others'. */
  id: string;
  caller: AgentCaller;
  res: Response;
  /** When the caller's session was last looked up (clock milliseconds). */
  checkedAt: number;
}

/** A frame of the live queue for one agent, built when something changed. */
export type Snapshot = (caller: AgentCaller) => Promise<unknown>;

export const HEARTBEAT_MS = 25_000;
/** A console counts this long after its instance last renewed it: a killed instance's agents leave after three missed heartbeats. */
export const LEASE_MS = 3 * HEARTBEAT_MS;
/** A console's session is looked up at most once per heartbeat, not per frame (a logout here closes it at once). */
const SESSION_CHECK_MS = HEARTBEAT_MS;
/**
 * How long after their last act on a conversation (taking it, replying) an agent serving it with no
 * console open still counts as on duty: one who walked away from an unfinished conversation is not
 * waited for by the next callers for ever. A console open counts on its own.
 */
export const SERVING_IDLE_MS = 10 * 60_000;
/** Changes within this are sent as one frame: a burst of 50 new hand-offs is one update. */
const COALESCE_MS = 15;
/** What may wait unsent for one console before frames are skipped. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** An agent serving a caller, and when they last acted on that conversation (ISO). */
export interface ServingAgent {
  agent: string;
  at: string;
}

export interface DeskEventsOptions {
  /**
   * Whether a caller's session still holds: a console whose agent logged out, whose session
   * expired or whose account was locked is closed (and no longer on duty) at the next heartbeat.
   */
  signedIn?: (caller: AgentCaller) => Promise<boolean>;
  /** Who is on duty on every instance, and the wake-up between them (in-process by default). */
  presence?: DeskPresence;
  clock?: Clock;
  /**
   * Agents serving a caller now (active hand-offs in the shared store): on duty though their
   * console's stream is closed or reconnecting, as the caller they serve sees it, while still
   * signed in and active within `servingIdleMs`.
   */
  serving?: () => Promise<ServingAgent[]>;
  servingIdleMs?: number;
}

/**
 * The agent consoles watching the queue, as server-sent events: each open console gets a
 * snapshot at once and again after every change of a hand-off, on this instance or, through
 * the presence's announcements, on any other. Agents with a console open on any instance are
 * the ones on duty. Streams close with the server.
 */
export class DeskEvents {
  private readonly instance = randomUUID();
  private streamCount = 0;
  private readonly streams = new Set<Stream>();
  /** Every instance's consoles as last read (our own are counted from `streams`). */
  private leases: ConsoleLease[] = [];
  /** Agents serving a caller as last read. */
  private servingAgents: ServingAgent[] = [];
  /**
   * The latest session of each agent seen here (a console opened, an agent API called), and when it
   * was last looked up: what tells whether an agent serving with no console open is still signed in.
   * One never seen on this instance is not counted.
   */
  private readonly sessions = new Map<string, { caller: AgentCaller; checkedAt: number }>();
  /** Reads of the leases and of who is serving started so far. */
  private reads = 0;
  /** Who was on duty in the frames last sent. */
  private shownOnDuty = '';
  private timer: NodeJS.Timeout | undefined;
  /** The coalesced rebuild to come, settled once its frames are sent. */
  private rebuilding: Promise<void> | undefined;
  /** Settles `rebuilding`: close() settles it too, so no caller of changed() waits forever. */
  private rebuilt: (() => void) | undefined;
  private closed = false;
  /** Waiting for the next rebuild to be done (`until`). */
  private readonly waiters = new Set<() => void>();
  private readonly heartbeatTimer: NodeJS.Timeout;
  private stopWatching: (() => Promise<void>) | undefined;
  private readonly signedIn: (caller: AgentCaller) => Promise<boolean>;
  private readonly presence: DeskPresence;
  private readonly clock: Clock;
  private readonly serving: () => Promise<ServingAgent[]>;
  private readonly servingIdleMs: number;

  constructor(
    private readonly snapshot: Snapshot,
    options: DeskEventsOptions = {},
  ) {
    this.signedIn = options.signedIn ?? (async () => true);
    this.presence = options.presence ?? new MemoryDeskPresence();
    this.clock = options.clock ?? systemClock;
    this.serving = options.serving ?? (async () => []);
    this.servingIdleMs = options.servingIdleMs ?? SERVING_IDLE_MS;
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** Listens for the other instances' changes (their consoles then get frames within one push). */
  async start(): Promise<void> {
    this.stopWatching ??= await this.presence.watch((origin) => {
      if (origin !== this.instance) void this.rebuild();
    });
    await this.refresh();
  }

  /** Agents with a console open now, or serving a caller, on any instance. */
  onDuty(): number {
    return this.agentsOnDuty().length;
  }

  /**
   * Agents with a console open now, on any instance, and those serving a caller (`serving`: as just
   * read, else as last read) who are signed in and acted on it lately, by name.
   */
  agentsOnDuty(serving = this.servingAgents): string[] {
    const now = this.clock.now().getTime();
    const elsewhere = this.leases.filter((l) => !this.isOurs(l.stream) && Date.parse(l.until) > now).map((l) => l.agent);
    const present = serving.filter((s) => this.sessions.has(s.agent) && now - Date.parse(s.at) < this.servingIdleMs).map((s) => s.agent);
    return [...new Set([...[...this.streams].map((s) => s.caller.name), ...elsewhere, ...present])].sort();
  }

  /** An agent acted here (any agent API): their session is the one looked up while they serve with no console open. */
  seen(caller: AgentCaller): void {
    this.sessions.set(caller.name, { caller, checkedAt: this.clock.now().getTime() });
  }

  async open(caller: AgentCaller, res: Response): Promise<void> {
    this.seen(caller);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const stream: Stream = { id: `${this.instance}:${++this.streamCount}`, caller, res, checkedAt: this.clock.now().getTime() };
    this.streams.add(stream);
    res.on('close', () => this.drop(stream));
    await this.hold([stream]);
    await this.send(stream);
    void this.changed();
  }

  /**
   * Something changed here: every console here gets a fresh snapshot shortly, and every other instance is told.
   * Settles once who is on duty was read again and the frames went out: a caller may await what it changed.
   */
  changed(): Promise<void> {
    const rebuilt = this.rebuild();
    this.presence.announce(this.instance).catch(() => undefined);
    return rebuilt;
  }

  /** Settles once `done` holds, read again after each rebuild here (a console closed, a hand-off taken). */
  async until(done: () => boolean | Promise<boolean>): Promise<void> {
    for (;;) {
      // Waiting before reading: a rebuild finishing meanwhile is not missed.
      let wake!: () => void;
      const next = new Promise<void>((resolve) => this.waiters.add((wake = resolve)));
      let waiting = false;
      try {
        if (await done()) return;
        // No rebuild comes after close: fail now rather than hang the caller.
        if (this.closed) throw new Error('the desk closed before this held');
        waiting = true;
      } finally {
        // Returning or failing: no callback is left behind for the next rebuild.
        if (!waiting) this.waiters.delete(wake);
      }
      await next;
    }
  }

  /** A session ended on this instance (logout): its consoles here close now, not at the next check. */
  signedOut(tokenHash: string): void {
    for (const [name, seen] of this.sessions) {
      if (seen.caller.tokenHash !== tokenHash) continue;
      this.sessions.delete(name);
      // One serving with no console open leaves the desk too: every console's count changes.
      void this.changed();
    }
    for (const s of this.streams) if (s.caller.tokenHash === tokenHash) this.end(s);
  }

  /**
   * What the interval runs: keep-alives, sessions checked, this instance's consoles renewed, and
   * every instance's read again; when that changes who is on duty (an instance was killed), a push.
   */
  async heartbeat(): Promise<void> {
    for (const s of this.streams) await this.ifSignedIn(s, () => s.res.write(': keep-alive\n\n'), true).catch(() => undefined);
    await this.hold([...this.streams]);
    await this.refresh();
    if (this.agentsOnDuty().join() !== this.shownOnDuty) void this.rebuild();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    this.rebuilding = undefined;
    this.rebuilt?.();
    this.rebuilt = undefined;
    this.wakeWaiters();
    const streams = [...this.streams];
    this.streams.clear();
    for (const s of streams) s.res.end();
    await Promise.all(streams.map((s) => this.presence.release(s.id).catch(() => undefined)));
    await this.stopWatching?.();
  }

  private isOurs(stream: string): boolean {
    return stream.startsWith(`${this.instance}:`);
  }

  /** Coalesced: reads who is on duty once, then sends every console here its frame. */
  private rebuild(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.rebuilding ??= new Promise<void>((resolve) => {
      this.rebuilt = resolve;
      this.timer = setTimeout(() => {
        // A change while this one reads makes a rebuild of its own.
        this.timer = undefined;
        this.rebuilding = undefined;
        this.rebuilt = undefined;
        void this.refresh().then(async () => {
          this.shownOnDuty = this.agentsOnDuty().join();
          await Promise.all([...this.streams].map((s) => this.send(s)));
          resolve();
          this.wakeWaiters();
        });
      }, COALESCE_MS);
    });
    return this.rebuilding;
  }

  private wakeWaiters(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /**
   * A failed read keeps the last one: the next change or heartbeat reads again. Reads overlap (a
   * change during a heartbeat): only the latest started is kept, never an older one finishing last.
   */
  private async refresh(): Promise<void> {
    const read = ++this.reads;
    const [leases, serving] = await Promise.all([this.presence.list(this.clock.now()).catch(() => undefined), this.serving().catch(() => undefined)]);
    await this.recheckSessions(serving ?? this.servingAgents).catch(() => undefined);
    if (read !== this.reads) return;
    if (leases) this.leases = leases;
    if (serving) this.servingAgents = serving;
  }

  /**
   * The sessions of agents serving with no console here, looked up at most once per interval as a
   * console's are: one logged out, expired or locked is forgotten, and no longer on duty.
   */
  private async recheckSessions(serving: ServingAgent[]): Promise<void> {
    const now = this.clock.now().getTime();
    const consoles = new Set([...this.streams].map((s) => s.caller.name));
    for (const { agent } of serving) {
      const seen = this.sessions.get(agent);
      if (!seen || consoles.has(agent) || now - seen.checkedAt < SESSION_CHECK_MS) continue;
      const holds = await this.signedIn(seen.caller);
      if (this.sessions.get(agent) !== seen) continue;
      if (holds) seen.checkedAt = now;
      else this.sessions.delete(agent);
    }
  }

  /** A failed write is retried by the next heartbeat, well within the lease. */
  private async hold(streams: Stream[]): Promise<void> {
    const now = this.clock.now();
    await this.presence.hold(streams.map((s) => ({ stream: s.id, agent: s.caller.name })), new Date(now.getTime() + LEASE_MS), now).catch(() => undefined);
  }

  private drop(stream: Stream): void {
    if (!this.streams.delete(stream)) return;
    // Someone left the desk: everyone's view of who is on duty changes, once the row is gone.
    void this.presence.release(stream.id).catch(() => undefined).then(() => void this.changed());
  }

  private end(stream: Stream): void {
    this.drop(stream);
    stream.res.end();
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

  /** Runs `then` while the caller is signed in; the session is looked up once per interval (or when `force`d). */
  private async ifSignedIn(stream: Stream, then: () => unknown, force = false): Promise<void> {
    const now = this.clock.now().getTime();
    if (force || now - stream.checkedAt >= SESSION_CHECK_MS) {
      if (!(await this.signedIn(stream.caller))) {
        if (this.sessions.get(stream.caller.name)?.caller.tokenHash === stream.caller.tokenHash) this.sessions.delete(stream.caller.name);
        this.end(stream);
        return;
      }
      stream.checkedAt = now;
    }
    await then();
  }
}
