import type { CaseRecord } from '../data/cases.js';
import type { CaseUseCaseDeps } from './deps.js';

export type RelayDeps = Pick<CaseUseCaseDeps, 'cases' | 'outbox' | 'clock' | 'onRelayError'>;

/** How many cases one pass of `relayPending` looks at; the next pass takes the rest. */
const BATCH = 500;

/**
 * The transactional outbox's relay: status updates are written inside the case record with the
 * change that caused them; this copies them into the OutboxStore and then removes them from the
 * case. A crash between the two steps only repeats the copy, which the outbox's dedupe keys turn
 * into a no-op, so every update is delivered exactly once.
 */
export class NotificationRelay {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: RelayDeps) {}

  /** Relays one case's pending updates; resolves to how many there were. */
  async relayCase(record: CaseRecord): Promise<number> {
    const rows = record.pendingNotifications ?? [];
    if (rows.length === 0) return 0;
    await this.deps.outbox.enqueue(rows, this.deps.clock.now());
    await this.deps.cases.markRelayed(record.caseNo, rows.map((r) => r.dedupeKey));
    return rows.length;
  }

  /**
   * Right after the write that made or changed the case, without holding up the turn that made
   * it: that write already holds the updates durably, so the copy into the outbox (and its
   * fsync) need not be waited for. A failed relay is reported and left for the scheduler's
   * next pass. `settled()` waits for the ones under way.
   */
  relayAfterWrite(record: CaseRecord): void {
    if (!record.pendingNotifications?.length) return;
    const done = this.relayCase(record)
      .then(() => undefined, (err: unknown) => this.deps.onRelayError?.(err, record.caseNo))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    // relayCase has read the rows; the caller's copy no longer carries them.
    delete record.pendingNotifications;
  }

  /** Resolves once every relay started by `relayAfterWrite` has ended (before closing the stores; in tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }

  /** Whatever a crash (or a failed outbox write) left in the cases: run at start-up and on every scheduler tick. */
  async relayPending(): Promise<number> {
    let relayed = 0;
    for (const record of await this.deps.cases.withPendingNotifications(BATCH)) relayed += await this.relayCase(record);
    return relayed;
  }
}
