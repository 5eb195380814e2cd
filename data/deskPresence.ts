/** One open agent console (a server-sent events stream) and the time its instance vouches for it until. */
export interface ConsoleLease {
  /** Unique across instances (a random id per stream). */
  stream: string;
  agent: string;
  /** ISO time: after it, an instance that stopped renewing (killed) no longer counts the agent. */
  until: string;
}

/**
 * Who is at the agent desk, across every bot instance, and the wake-up call between them: an
 * instance renews its own consoles' leases on a heartbeat, reads everyone's, and `announce`s a
 * change of hand-offs or presence so every instance rebuilds its consoles' frames. The embedded
 * backends hold this in the process (one instance); PostgreSQL in a table and LISTEN/NOTIFY.
 */
export interface DeskPresence {
  /** Records (or renews) these consoles until `until`; leases lapsed at `now` are removed, whoever held them. */
  hold(consoles: Omit<ConsoleLease, 'until'>[], until: Date, now: Date): Promise<void>;
  /** A console closed: its agent is off duty at once, not after the lease. */
  release(stream: string): Promise<void>;
  /** Every instance's consoles whose lease holds at `now`. */
  list(now: Date): Promise<ConsoleLease[]>;
  /** Tells every watcher (on every instance) that the desk changed; `origin` names the instance telling. */
  announce(origin: string): Promise<void>;
  /** Calls `listener` with the origin of every announcement; resolves to the function that stops it. */
  watch(listener: (origin: string) => void): Promise<() => Promise<void>>;
}
