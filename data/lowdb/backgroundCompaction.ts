/**
 * One log's compactions in the background: started when `due()` says the log is mostly
 * superseded lines and none runs; when one ends, `due()` is asked again, since writes that
 * landed while it copied can leave the log mostly superseded once more.
 */
export class BackgroundCompaction {
  private running: Promise<void> | null = null;

  constructor(
    private readonly due: () => boolean,
    private readonly compact: () => Promise<void>,
    private readonly onError: (err: Error) => void,
  ) {}

  /** Starts a compaction if one is due and none runs. */
  startIfDue(): void {
    if (this.running || !this.due()) return;
    this.running = this.compact().then(
      () => {
        this.running = null;
        this.startIfDue();
      },
      (err: Error) => {
        this.running = null;
        this.onError(err);
      },
    );
  }

  /** A compaction now, after any under way, whether due or not (an erasure); its failure is the caller's. */
  async now(): Promise<void> {
    await this.settled();
    const run = this.compact();
    this.running = run.then(
      () => void (this.running = null),
      () => void (this.running = null),
    );
    await run;
  }

  /** Resolves once no compaction runs (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}
