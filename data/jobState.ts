/**
 * When each daily job last ran, so a job runs once per occurrence across restarts and one missed
 * while the bot was down is caught up at start. A run is recorded as the Beijing date
 * (yyyy-mm-dd) of the occurrence it handled.
 */
export interface JobState {
  lastRun(name: string): Promise<string | undefined>;
  setLastRun(name: string, isoDate: string): Promise<void>;
}
