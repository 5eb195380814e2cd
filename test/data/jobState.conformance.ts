import { expect } from 'chai';
import type { JobState } from '../../data/jobState.js';

/** The JobState contract: every backend runs these same tests; opening `dir` again shows what was made durable. */
export function jobStateConformance(name: string, open: (dir: string) => Promise<JobState>, newDir: () => string) {
  describe(`JobState conformance: ${name}`, () => {
    it('has no last run for a job never run, inherited names included', async () => {
      const state = await open(newDir());
      for (const job of ['reminders', 'constructor', 'toString', '__proto__']) expect(await state.lastRun(job), job).to.equal(undefined);
    });

    it('records the last run of each job, the latest write winning, across reopening', async () => {
      const dir = newDir();
      const state = await open(dir);
      await state.setLastRun('reminders', '2026-11-20');
      await state.setLastRun('overdue', '2026-11-19');
      await state.setLastRun('reminders', '2026-11-21');
      const reopened = await open(dir);
      expect(await reopened.lastRun('reminders')).to.equal('2026-11-21');
      expect(await reopened.lastRun('overdue')).to.equal('2026-11-19');
    });

    it('refuses anything but a yyyy-mm-dd date, keeping what was there', async () => {
      const state = await open(newDir());
      await state.setLastRun('reminders', '2026-11-20');
      for (const bad of ['2026-11-21T08:30:00Z', '', '21/11/2026']) {
        let error: unknown;
        await state.setLastRun('reminders', bad).catch((err: unknown) => (error = err));
        expect(error, bad).to.be.instanceOf(TypeError);
      }
      expect(await state.lastRun('reminders')).to.equal('2026-11-20');
    });
  });
}
