import { expect } from 'chai';
import type { DeskPresence } from '../../data/deskPresence.js';

const AT = new Date('2026-11-20T02:00:00Z');
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

/** The DeskPresence contract: a second store over the same place is another instance (the same one for in-process backends). */
export function deskPresenceConformance(name: string, open: (dir: string) => Promise<DeskPresence>, newDir: () => string) {
  describe(`DeskPresence conformance: ${name}`, () => {
    it('counts a console until its lease lapses, renews it, and drops it at once when released', async () => {
      const dir = newDir();
      const a = await open(dir);
      await a.hold([{ stream: 's1', agent: '1001' }, { stream: 's2', agent: '1002' }], later(75), AT);
      const other = await open(dir);
      expect(await other.list(later(10))).to.deep.equal([
        { stream: 's1', agent: '1001', until: later(75).toISOString() },
        { stream: 's2', agent: '1002', until: later(75).toISOString() },
      ]);
      await a.hold([{ stream: 's1', agent: '1001' }], later(100), later(25));
      expect((await other.list(later(80))).map((l) => l.stream)).to.deep.equal(['s1']);
      await a.release('s1');
      expect(await other.list(later(30))).to.deep.equal([{ stream: 's2', agent: '1002', until: later(75).toISOString() }]);
      expect(await other.list(later(75))).to.deep.equal([]);
    });

    it('removes lapsed leases of any holder when one holds', async () => {
      const dir = newDir();
      const a = await open(dir);
      await a.hold([{ stream: 'gone', agent: '1001' }], later(75), AT);
      await (await open(dir)).hold([{ stream: 'live', agent: '1002' }], later(200), later(100));
      // Listing at a time before the lapse no longer shows it: the row itself is gone.
      expect((await a.list(AT)).map((l) => l.stream)).to.deep.equal(['live']);
    });

    it('tells every watcher of an announcement, with its origin, and no longer after it stops', async () => {
      const dir = newDir();
      const watcher = await open(dir);
      const heard: string[] = [];
      const stop = await watcher.watch((origin) => heard.push(origin));
      try {
        await (await open(dir)).announce('instance-b');
        for (let i = 0; i < 200 && !heard.length; i++) await new Promise((r) => setTimeout(r, 10));
        expect(heard).to.deep.equal(['instance-b']);
      } finally {
        await stop();
      }
      await watcher.announce('instance-c');
      await new Promise((r) => setTimeout(r, 50));
      expect(heard).to.deep.equal(['instance-b']);
    });
  });
}
