import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { Response } from 'restify';
import type { AgentCaller } from '../../bot/agentAuth.js';
import { DeskEvents, HEARTBEAT_MS } from '../../bot/deskEvents.js';
import { MemoryDeskPresence } from '../../data/memory/memoryDeskPresence.js';
import { FakeClock } from '../support.js';

/** A server-sent events response as DeskEvents uses it: the frames written, and whether it ended. */
class FakeStream extends EventEmitter {
  frames: { onDuty: string[]; n: number }[] = [];
  ended = false;
  writableLength = 0;
  writeHead() {
    return this;
  }
  write(chunk: string) {
    const data = /^data: (.*)$/m.exec(chunk)?.[1];
    if (data) this.frames.push(JSON.parse(data) as { onDuty: string[]; n: number });
    return true;
  }
  end() {
    this.ended = true;
    this.emit('close');
  }
}

const caller = (name: string): AgentCaller => ({ name, role: 'agent', displayName: name, tokenHash: `hash-${name}` });
const settle = () => new Promise((r) => setTimeout(r, 60));

describe('DeskEvents: consoles, sessions and presence', () => {
  const desks: DeskEvents[] = [];
  afterEach(async () => {
    await Promise.all(desks.splice(0).map((d) => d.close()));
  });

  it('looks a console\'s session up once per interval, not once per frame, and closes it when the session is gone', async () => {
    const clock = new FakeClock();
    let lookups = 0;
    let signedIn = true;
    let n = 0;
    const desk: DeskEvents = new DeskEvents(async (c) => ({ agent: c.name, onDuty: desk.agentsOnDuty(), n: ++n }), {
      clock,
      signedIn: async () => {
        lookups++;
        return signedIn;
      },
    });
    desks.push(desk);
    const res = new FakeStream();
    await desk.open(caller('1001'), res as unknown as Response);
    for (let i = 0; i < 10; i++) {
      desk.changed();
      await settle();
    }
    expect(res.frames.length).to.be.at.least(10);
    expect(lookups).to.equal(0);
    clock.advance(HEARTBEAT_MS);
    signedIn = false;
    desk.changed();
    await settle();
    expect(lookups).to.equal(1);
    expect(res.ended).to.equal(true);
    expect(desk.onDuty()).to.equal(0);
  });

  it('closes a console at once when its agent logs out on this instance', async () => {
    const desk = new DeskEvents(async () => ({}), { clock: new FakeClock() });
    desks.push(desk);
    const res = new FakeStream();
    await desk.open(caller('1001'), res as unknown as Response);
    desk.signedOut('hash-other');
    expect(res.ended).to.equal(false);
    desk.signedOut('hash-1001');
    expect(res.ended).to.equal(true);
    expect(desk.onDuty()).to.equal(0);
  });

  it('counts and wakes another desk on the same presence (as two instances do on PostgreSQL)', async () => {
    const clock = new FakeClock();
    const presence = new MemoryDeskPresence();
    const make = () => {
      const desk: DeskEvents = new DeskEvents(async () => ({ onDuty: desk.agentsOnDuty() }), { clock, presence });
      desks.push(desk);
      return desk;
    };
    const [a, b] = [make(), make()];
    await Promise.all([a.start(), b.start()]);
    const watching = new FakeStream();
    await a.open(caller('1002'), watching as unknown as Response);
    const gone = new FakeStream();
    await b.open(caller('1001'), gone as unknown as Response);
    await settle();
    expect(a.agentsOnDuty()).to.deep.equal(['1001', '1002']);
    expect(watching.frames.at(-1)!.onDuty).to.deep.equal(['1001', '1002']);
    gone.end();
    await settle();
    expect(a.agentsOnDuty()).to.deep.equal(['1002']);
    expect(watching.frames.at(-1)!.onDuty).to.deep.equal(['1002']);
  });

  describe('closing settles what waits on it (review 13, 12)', () => {
    /** 'settled' or 'rejected' when `p` settles within this turn of the event loop; 'waiting' otherwise. */
    const state = (p: Promise<unknown>) =>
      Promise.race([p.then(() => 'settled', () => 'rejected'), new Promise((r) => setImmediate(() => r('waiting')))]);

    it('a change awaited when the desk closes settles', async () => {
      const desk = new DeskEvents(async () => ({}), { clock: new FakeClock() });
      const changed = desk.changed();
      await desk.close();
      expect(await state(changed)).to.equal('settled');
      expect(await state(desk.changed())).to.equal('settled');
    });

    it('waiting until something holds fails once the desk closes, and leaves nothing behind', async () => {
      const desk = new DeskEvents(async () => ({}), { clock: new FakeClock() });
      const waiters = () => (desk as unknown as { waiters: Set<unknown> }).waiters.size;
      for (let i = 0; i < 3; i++) await desk.until(() => true);
      expect(waiters()).to.equal(0);
      const never = desk.until(() => false);
      await desk.close();
      expect(await state(never)).to.equal('rejected');
      expect(waiters()).to.equal(0);
    });
  });
});
