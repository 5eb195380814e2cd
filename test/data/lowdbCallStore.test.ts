import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord } from '../../data/calls.js';
import { LowdbCallStore } from '../../data/lowdb/lowdbCallStore.js';
import { tempDir } from '../support.js';
import { call } from './callStore.conformance.js';


describe('LowdbCallStore files', () => {
  it('are one owner-only file per Beijing month, in an owner-only folder', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await LowdbCallStore.open(dataDir);
    // 1 December 01:00 in Beijing is still 30 November in UTC.
    const november = await store.record(call(1, { followUpNeeded: true }), new Date('2026-11-20T02:00:00Z'));
    const december = await store.record(call(2), new Date('2026-11-30T17:00:00Z'));
    const dir = join(dataDir, 'calls');
    for (const folder of [dataDir, dir]) expect(statSync(folder).mode & 0o777, folder).to.equal(0o700);
    expect(readdirSync(dir).sort()).to.deep.equal(['2026-11.json', '2026-12.json']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777, name).to.equal(0o600);
    const onDisk = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, CallRecord>;
    expect(onDisk('2026-11.json')).to.deep.equal({ [november.id]: november });
    expect(onDisk('2026-12.json')).to.deep.equal({ [december.id]: december });
    // Marking the follow-up rewrites the call's own month only.
    const done = await store.markFollowUpDone(november.id, '1002', new Date('2026-12-02T02:00:00Z'));
    expect(onDisk('2026-11.json')[november.id]).to.deep.equal(done.ok && done.call);
    expect(onDisk('2026-12.json')).to.deep.equal({ [december.id]: december });
  });
});
