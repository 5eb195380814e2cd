import type { ConsoleLease, DeskPresence } from '../deskPresence.js';

/** The desk of one process (memory and lowdb backends): leases in a map, announcements to this process's watchers. */
export class MemoryDeskPresence implements DeskPresence {
  private readonly leases = new Map<string, ConsoleLease>();
  private readonly listeners = new Set<(origin: string) => void>();

  async hold(consoles: Omit<ConsoleLease, 'until'>[], until: Date, now: Date): Promise<void> {
    for (const [stream, lease] of this.leases) if (Date.parse(lease.until) <= now.getTime()) this.leases.delete(stream);
    for (const c of consoles) this.leases.set(c.stream, { stream: c.stream, agent: c.agent, until: until.toISOString() });
  }

  async release(stream: string): Promise<void> {
    this.leases.delete(stream);
  }

  async list(now: Date): Promise<ConsoleLease[]> {
    return [...this.leases.values()].filter((l) => Date.parse(l.until) > now.getTime()).map((l) => ({ ...l }));
  }

  async announce(origin: string): Promise<void> {
    // Later, as a NOTIFY arrives after its commit: a watcher never runs inside the announcer's call.
    for (const listener of this.listeners) queueMicrotask(() => listener(origin));
  }

  async watch(listener: (origin: string) => void): Promise<() => Promise<void>> {
    const own = (origin: string) => listener(origin);
    this.listeners.add(own);
    return async () => {
      this.listeners.delete(own);
    };
  }
}
