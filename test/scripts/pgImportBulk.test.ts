import { expect } from 'chai';
import type { PgDatabase } from '../../data/postgres/db.js';
import { pgStores } from '../../data/postgres/open.js';
import { PgImport } from '../../data/postgres/pgImport.js';
import { postgresAvailable, postgresPlace } from '../data/backends.js';

const AT = '2026-11-20T02:00:00.000Z';
const ROWS = 300;

/** `db` whose transactions count the statements they run. */
function counting(db: PgDatabase, statements: string[]): PgDatabase {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'transaction') return Reflect.get(target, prop, target) as unknown;
      return <T>(work: (client: Parameters<Parameters<PgDatabase['transaction']>[0]>[0]) => Promise<T>) =>
        target.transaction((client) =>
          work(new Proxy(client, { get: (c, p) => (p === 'query' ? (sql: string, params?: unknown[]) => (statements.push(sql), c.query(sql, params)) : Reflect.get(c, p, c) as unknown) })),
        );
    },
  });
}

if (postgresAvailable) {
  describe('importing the SMS and WeChat stores into PostgreSQL (the lowdb migration)', function () {
    this.timeout(60_000);

    it('writes each table in one statement however many rows it has, and a second run adds nothing', async () => {
      const db = await postgresPlace(`import_bulk_${process.pid}`);
      const statements: string[] = [];
      const into = new PgImport(counting(db, statements));
      const phone = (i: number) => `+861390000${String(i).padStart(4, '0')}`;
      const snapshot = {
        optOuts: Array.from({ length: ROWS }, (_, i) => ({ phone: phone(i), at: AT })),
        counters: Array.from({ length: ROWS }, (_, i) => ({ phone: phone(i), counter: { minuteStart: 0, minuteCount: 1, dayStart: 0, dayCount: 1 } })),
        messages: Array.from({ length: ROWS }, (_, i) => ({ serialNo: `sn-${i}`, phone: phone(i), rowId: `OB${i}`, sentAt: AT })),
      };
      expect(await into.sms(snapshot)).to.equal(3 * ROWS);
      expect(statements.filter((s) => s.startsWith('INSERT'))).to.have.length(3);
      const followers = Object.fromEntries(Array.from({ length: ROWS }, (_, i) => [`o${i}`, { openId: `o${i}`, subscribed: i % 2 === 0, lastMessageAt: AT }]));
      const deliveries = Object.fromEntries(Array.from({ length: ROWS }, (_, i) => [`msg:${i}`, AT]));
      statements.length = 0;
      expect(await into.wechat({ followers, deliveries })).to.equal(ROWS);
      expect(statements.filter((s) => s.startsWith('INSERT'))).to.have.length(2);

      const stores = pgStores(db);
      expect(await stores.sms.isOptedOut(phone(ROWS - 1))).to.equal(true);
      expect(await stores.sms.message('sn-7')).to.deep.include({ phone: phone(7), rowId: 'OB7' });
      expect(await stores.wechat.follower('o3')).to.deep.equal({ openId: 'o3', subscribed: false, lastMessageAt: AT });
      expect(await into.sms(snapshot)).to.equal(0);
      expect(await into.wechat({ followers, deliveries })).to.equal(0);
      // Nothing to import: no statement at all.
      statements.length = 0;
      expect(await into.sms({ optOuts: [], counters: [], messages: [] })).to.equal(0);
      expect(statements.filter((s) => s.startsWith('INSERT'))).to.deep.equal([]);
    });
  });
}
