import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';

describe('STORE in the configuration', () => {
  it('defaults to lowdb, takes memory, and stops start-up on anything else', () => {
    expect(loadConfig({}).store).to.equal('lowdb');
    expect(loadConfig({ STORE: 'memory' }).store).to.equal('memory');
    expect(loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://db/onevisit', DIRECTLINE_SECRET: 's' })).to.include({ store: 'postgres', databaseUrl: 'postgres://db/onevisit' });
    expect(() => loadConfig({ STORE: 'sqlite' })).to.throw('STORE 无效: sqlite');
  });

  it('refuses STORE=postgres without the database or the secret every instance must share', () => {
    expect(() => loadConfig({ STORE: 'postgres' })).to.throw('STORE=postgres 需要设置 DATABASE_URL、DIRECTLINE_SECRET');
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://db/onevisit' })).to.throw('需要设置 DIRECTLINE_SECRET（');
  });
});
