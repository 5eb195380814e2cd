import { expect } from 'chai';
import type { FloodCounts } from '../../data/floodCounts.js';

const MINUTE = 60_000;
const T0 = new Date('2026-11-20T02:00:10Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
/** The end of T0's minute window. */
const END = new Date('2026-11-20T02:01:00Z');

/** The FloodCounts contract: every backend runs these same tests; opening `dir` again is another instance on the same place. */
export function floodCountsConformance(name: string, open: (dir: string) => Promise<FloodCounts>, newDir: () => string) {
  describe(`FloodCounts conformance: ${name}`, () => {
    it('counts a key\'s hits in its fixed window, ending on a multiple of the window, and starts again at 1 in the next', async () => {
      const counts = await open(newDir());
      expect(await counts.hit('messages:1.2.3.4', T0, MINUTE)).to.deep.equal({ count: 1, endsAt: END });
      expect(await counts.hit('messages:1.2.3.4', at(49_000), MINUTE)).to.deep.equal({ count: 2, endsAt: END });
      // Another key, and the same key with another window, are counted apart.
      expect((await counts.hit('messages:5.6.7.8', T0, MINUTE)).count).to.equal(1);
      expect(await counts.hit('messages:1.2.3.4', at(50_000), MINUTE)).to.deep.equal({ count: 1, endsAt: new Date(END.getTime() + MINUTE) });
      expect((await counts.hit('messages:1.2.3.4', at(51_000), MINUTE)).count).to.equal(2);
    });

    it('counts every one of many hits at once, from every instance on the place', async () => {
      const dir = newDir();
      const [a, b] = [await open(dir), await open(dir)];
      const got = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit('wechat:oFlood', at(i), MINUTE)));
      expect(got.map((g) => g.count).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i + 1));
      expect((await (await open(dir)).hit('wechat:oFlood', at(100), MINUTE)).count).to.equal(31);
    });

    it('forgets ended windows only, in the housekeeping', async () => {
      const counts = await open(newDir());
      await counts.hit('old', T0, MINUTE);
      await counts.hit('current', at(2 * MINUTE), MINUTE);
      expect(await counts.forgetBefore(at(MINUTE))).to.equal(1);
      expect(await counts.forgetBefore(at(MINUTE))).to.equal(0);
      expect((await counts.hit('current', at(2 * MINUTE + 1000), MINUTE)).count).to.equal(2);
      // A key forgotten starts again.
      expect((await counts.hit('old', T0, MINUTE)).count).to.equal(1);
      let error: unknown;
      await counts.hit('bad', T0, 0).catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(RangeError);
    });
  });
}
