/**
 * When each daily job last ran, so a job runs once per occurrence across restarts and one missed
 * while the bot was down is caught up at start. A run is recorded as the Beijing date
 * (yyyy-mm-dd) of the occurrence it handled.
 */
export interface JobState {
  lastRun(name: string): Promise<string | undefined>;
  setLastRun(name: string, isoDate: string): Promise<void>;
  /**
   * Where many processes share the state (PostgreSQL): takes the run of `name` for `day` (the
   * occurrence's Beijing date) for `leaseMs`; false while another process holds it or once it
   * is recorded as run. Absent where one process owns the store.
   */
  claimRun?(name: string, day: string, at: Date, leaseMs: number): Promise<boolean>;
}
