import { expect } from 'chai';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { LogRecords } from '../../data/lowdb/logRecords.js';
import { tempDir } from '../support.js';

const RESERVED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

describe('records keyed by what people send', () => {
  it('LogRecords: reserved names are unknown until written, then records of their own, after reopening too', async () => {
    const dir = tempDir();
    const records = await LogRecords.open<{ n: number }>(dir, { fsync: false });
    for (const key of RESERVED) expect(records.get(key), key).to.equal(undefined);
    await records.put(RESERVED.map((key, n) => [key, { n }]));
    const reopened = await LogRecords.open<{ n: number }>(dir, { fsync: false });
    for (const [n, key] of RESERVED.entries()) expect(reopened.get(key), key).to.deep.equal({ n });
    expect(Object.fromEntries(reopened.entries())).to.have.all.keys(RESERVED);
    expect(({} as Record<string, unknown>).n).to.equal(undefined);
  });

  it('the bot state Storage reads nothing for a reserved key', async () => {
    const storage = await LowdbStorage.open(tempDir());
    expect(await storage.read(RESERVED)).to.deep.equal({});
  });
});
