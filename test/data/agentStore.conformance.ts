import { expect } from 'chai';
import type { AgentSession, AgentStore, NewAgentAccount } from '../../data/agents.js';

const AT = new Date('2026-11-20T02:00:00Z');
const MINUTE = 60_000;
const later = (minutes: number) => new Date(AT.getTime() + minutes * MINUTE);

const account = (name: string, extra: Partial<NewAgentAccount> = {}): NewAgentAccount => ({
  name,
  displayName: `坐席 ${name}`,
  role: 'agent',
  passwordHash: `scrypt$16384$8$1$salt-${name}$hash-${name}`,
  createdBy: 'admin',
  ...extra,
});

const session = (tokenHash: string, name: string, expiresAt: Date): AgentSession => ({
  tokenHash,
  name,
  role: 'agent',
  createdAt: AT.toISOString(),
  expiresAt: expiresAt.toISOString(),
});

/** The AgentStore contract: every backend runs these same tests; reopening a dir is a restart. */
export function agentStoreConformance(name: string, open: (dir: string) => Promise<AgentStore>, newDir: () => string) {
  describe(`AgentStore conformance: ${name}`, () => {
    it('creates an account once per name, keeps every field and lists by name', async () => {
      const store = await open(newDir());
      const made = await store.create(account('w1002', { role: 'supervisor' }), AT);
      expect(made).to.deep.equal({ ...account('w1002', { role: 'supervisor' }), createdAt: AT.toISOString(), failures: [] });
      await store.create(account('w1001'), AT);
      expect(await store.create(account('w1001', { displayName: 'other' }), later(1))).to.equal(undefined);
      expect((await store.get('w1001'))!.displayName).to.equal('坐席 w1001');
      expect((await store.list()).map((a) => a.name)).to.deep.equal(['w1001', 'w1002']);
      expect(await store.get('nobody')).to.equal(undefined);
    });

    it('hands out copies', async () => {
      const store = await open(newDir());
      const made = (await store.create(account('w1001'), AT))!;
      made.role = 'supervisor';
      (await store.get('w1001'))!.failures.push('x');
      (await store.list())[0].displayName = 'changed';
      expect(await store.get('w1001')).to.deep.equal({ ...account('w1001'), createdAt: AT.toISOString(), failures: [] });
    });

    it('locks an account at the fifth wrong password within the window, for the lock time', async () => {
      const store = await open(newDir());
      await store.create(account('w1001'), AT);
      for (let i = 0; i < 4; i++) expect((await store.recordFailure('w1001', later(i)))!.lockedUntil).to.equal(undefined);
      const locked = (await store.recordFailure('w1001', later(4)))!;
      expect(locked.lockedUntil).to.equal(later(19).toISOString());
      expect(await store.recordFailure('nobody', AT)).to.equal(undefined);
      await store.clearFailures('w1001');
      expect(await store.get('w1001')).to.deep.include({ failures: [] });
      expect((await store.get('w1001'))!.lockedUntil).to.equal(undefined);
    });

    it('forgets wrong passwords older than the window', async () => {
      const store = await open(newDir());
      await store.create(account('w1001'), AT);
      for (let i = 0; i < 4; i++) await store.recordFailure('w1001', later(i));
      const after = (await store.recordFailure('w1001', later(30)))!;
      expect(after.lockedUntil).to.equal(undefined);
      expect(after.failures).to.deep.equal([later(30).toISOString()]);
    });

    it('keeps sessions until they expire or end, and removes expired ones', async () => {
      const store = await open(newDir());
      await store.createSession(session('a'.repeat(64), 'w1001', later(60)), AT);
      await store.createSession(session('b'.repeat(64), 'w1002', later(10)), AT);
      expect(await store.session('a'.repeat(64), later(59))).to.deep.equal(session('a'.repeat(64), 'w1001', later(60)));
      expect(await store.session('a'.repeat(64), later(60))).to.equal(undefined);
      expect(await store.session('a'.repeat(64), AT)).to.equal(undefined);
      await store.endSession('b'.repeat(64));
      expect(await store.session('b'.repeat(64), AT)).to.equal(undefined);
      expect(await store.session('c'.repeat(64), AT)).to.equal(undefined);
    });

    it('keeps accounts, lock counts and sessions across a restart', async () => {
      const dir = newDir();
      const store = await open(dir);
      await store.create(account('w1001'), AT);
      await store.recordFailure('w1001', AT);
      await store.createSession(session('a'.repeat(64), 'w1001', later(60)), AT);
      const reopened = await open(dir);
      expect((await reopened.get('w1001'))!.failures).to.deep.equal([AT.toISOString()]);
      expect((await reopened.session('a'.repeat(64), later(1)))!.name).to.equal('w1001');
    });
  });
}
