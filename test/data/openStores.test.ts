import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { LOCK_FILE } from '../../data/lowdb/dataDirLock.js';
import { openStores, type StoreConfig, type StoreEvents } from '../../data/openStores.js';
import { newCase } from '../fixtures/cases.js';
import { tempDir } from '../support.js';

const AT = new Date('2026-11-20T02:00:00Z');

/** Events the stores reported, as `event` plus fields. */
function recording(): StoreEvents & { seen: { event: string; fields: Record<string, unknown> }[] } {
  const seen: { event: string; fields: Record<string, unknown> }[] = [];
  return { seen, info: (event, fields) => void seen.push({ event, fields }), error: (event, fields) => void seen.push({ event, fields }) };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  let error: unknown;
  await promise.catch((err: unknown) => (error = err));
  expect(error, 'expected a rejection').to.be.instanceOf(Error);
  return error as Error;
}

const lowdb = (dataDir = tempDir()): StoreConfig => ({ store: 'lowdb', dataDir });

/** The file under `folder` whose text includes `needle`. */
function fileHolding(folder: string, needle: string): string {
  const name = readdirSync(folder).find((f) => /\.jsonl?$/.test(f) && readFileSync(join(folder, f), 'utf8').includes(needle));
  expect(name, `a file in ${folder} holding ${needle}`).to.be.a('string');
  return join(folder, name!);
}

describe('openStores', () => {
  it('keeps a Direct Line transcript as long as WEBCHAT_RESUME_DAYS lets a page come back to it, on both backends', async () => {
    const DAY = 24 * 3600_000;
    for (const config of [{ store: 'memory' as const, dataDir: join(tempDir(), 'unused') }, lowdb()]) {
      const stores = await openStores<unknown>({ ...config, webchatResumeDays: 10 });
      try {
        await stores.directLine.create('conv-kept', AT);
        expect(await stores.directLine.expire(new Date(AT.getTime() + 9 * DAY)), config.store).to.equal(0);
        expect(await stores.directLine.expire(new Date(AT.getTime() + 10 * DAY + 1)), config.store).to.equal(1);
      } finally {
        await stores.close();
      }
    }
  });

  it('opens every store on the memory backend, nothing on disk', async () => {
    const stores = await openStores<{ step: string }>({ store: 'memory', dataDir: join(tempDir(), 'unused') });
    const created = await stores.cases.create(newCase(), AT);
    expect(await stores.cases.get(created.caseNo)).to.deep.equal(created);
    await stores.drafts.save('u1', { step: 'name' }, AT);
    await stores.storage.write({ k: { n: 1 } });
    await stores.close();
    expect(existsSync(join(tempDir(), 'unused'))).to.equal(false);
  });

  it('refuses postgres without a reachable DATABASE_URL, and an unknown backend, with a plain message', async () => {
    expect((await rejection(openStores({ store: 'postgres', dataDir: tempDir() }))).message).to.include('STORE=postgres needs DATABASE_URL');
    const unreachable = await rejection(openStores({ store: 'postgres', dataDir: tempDir(), databaseUrl: `postgresql://nobody@localhost/none?host=${tempDir()}` }));
    expect(unreachable.message).to.include('PostgreSQL (DATABASE_URL) could not be opened');
    expect((await rejection(openStores({ store: 'mongo' as 'lowdb', dataDir: tempDir() }))).message).to.include('STORE must be one of lowdb, memory, postgres');
  });

  it('holds the lowdb data folder until closed: a second open in the same process is refused', async () => {
    const config = lowdb();
    const stores = await openStores(config);
    const error = await rejection(openStores(config));
    expect(error.message).to.include(`data folder ${config.dataDir} is in use`).and.include(`pid ${process.pid}`);
    await stores.close();
    await (await openStores(config)).close();
  });

  it('takes over a lock whose process is gone, but not one held on another host or one it cannot read', async () => {
    const config = lowdb();
    const lock = join(config.dataDir, LOCK_FILE);
    const holder = (pid: number, host: string) => JSON.stringify({ pid, host, startedAt: AT.toISOString() });
    mkdirSync(config.dataDir, { recursive: true });
    // Process ids stay below 2^22 on Linux: this one is not running.
    writeFileSync(lock, holder(2 ** 22 + 1, hostname()), { mode: 0o600 });
    const events = recording();
    await (await openStores(config, events)).close();
    expect(events.seen.find((e) => e.event === 'data_lock_taken_over')?.fields).to.include({ stalePid: 2 ** 22 + 1, dataDir: config.dataDir });
    expect(existsSync(lock)).to.equal(false);

    writeFileSync(lock, holder(2 ** 22 + 1, 'another-host'), { mode: 0o600 });
    expect((await rejection(openStores(config))).message).to.include('on host another-host').and.include(`delete ${lock}`);
    writeFileSync(lock, 'garbage', { mode: 0o600 });
    expect((await rejection(openStores(config))).message).to.include(`${lock} is not a OneVisit lock file`);
  });

  describe('damaged files at start-up', () => {
    it('refuses a damaged line in the case log, naming the file, the byte and how to repair it', async () => {
      const config = lowdb();
      const stores = await openStores(config);
      const created = await stores.cases.create(newCase(), AT);
      await stores.cases.update(created.caseNo, (c) => void (c.stage = 'pre_review'), { by: 'staff', action: 'review' }, AT);
      await stores.close();
      const file = fileHolding(join(config.dataDir, 'cases'), created.caseNo);
      const good = readFileSync(file, 'utf8');
      // Without the index every line is read again; the first version's line is garbled.
      rmSync(join(config.dataDir, 'cases', 'index.json'));
      writeFileSync(file, good.replace(/^\{"caseNo"/, '{"YC2026'), { mode: 0o600 });

      const error = await rejection(openStores(config));
      expect(error.message).to.include(`${file}: unreadable record at byte 0`).and.include('repair that line');
      // The lock is not left behind by the failed start.
      writeFileSync(file, good, { mode: 0o600 });
      const restored = await openStores(config);
      expect((await restored.cases.get(created.caseNo))?.stage).to.equal('pre_review');
      await restored.close();
    });

    it('refuses damaged sessions, bookings, pending status updates, drafts and family files alike', async () => {
      for (const relative of ['appraisal/slots.json', 'appraisal/bookings.json', 'outbox/pending.json', 'drafts-application/shard-000.json', 'family.json', 'calls/2026-11.json']) {
        const config = lowdb();
        await (await openStores(config)).close();
        mkdirSync(dirname(join(config.dataDir, relative)), { recursive: true, mode: 0o700 });
        writeFileSync(join(config.dataDir, relative), 'not json', { mode: 0o600 });
        const error = await rejection(openStores(config));
        expect(error.message, relative).to.include(join(config.dataDir, relative)).and.include('is damaged');
        expect(error.message, relative).to.include('restore it from a backup');
      }
    });

    it('sets damaged chat state and job dates aside, reports them and starts with them empty', async () => {
      const config = lowdb();
      const first = await openStores(config);
      await first.storage.write({ 'test/conversations/a/': { n: 1 } });
      await first.jobState.setLastRun('reminders', '2026-11-20');
      await first.close();
      const stateFile = fileHolding(join(config.dataDir, 'bot-state'), 'conversations/a/');
      // A whole line that is not JSON (a cut last line would be a crash's torn append, dropped quietly).
      writeFileSync(stateFile, '{"test/conv\n', { mode: 0o600 });
      writeFileSync(join(config.dataDir, 'jobs.json'), '', { mode: 0o600 });

      const events = recording();
      const stores = await openStores(config, events);
      expect(await stores.storage.read(['test/conversations/a/'])).to.deep.equal({});
      expect(await stores.jobState.lastRun('reminders')).to.equal(undefined);
      const setAside = events.seen.filter((e) => e.event === 'damaged_file_set_aside').map((e) => e.fields);
      expect(setAside.map((f) => f.file).sort()).to.deep.equal([stateFile, join(config.dataDir, 'jobs.json')].sort());
      for (const { file, movedTo } of setAside) {
        expect(String(movedTo)).to.match(new RegExp(`^${String(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-\\d{4}-\\d{2}-\\d{2}T\\d{6}`));
        expect(existsSync(String(movedTo))).to.equal(true);
        expect(existsSync(String(file))).to.equal(false);
      }
      // The service goes on: state can be written again.
      await stores.storage.write({ 'test/conversations/a/': { n: 2 } });
      await stores.close();
    });
  });
});
