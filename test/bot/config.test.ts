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

describe('UPLOAD_MAX_BYTES in the configuration', () => {
  it('defaults to 10 MB, takes bytes or KB/MB, and stops start-up on anything else', () => {
    expect(loadConfig({}).uploadMaxBytes).to.equal(10 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_BYTES: '2097152' }).uploadMaxBytes).to.equal(2 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_BYTES: '5MB' }).uploadMaxBytes).to.equal(5 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_BYTES: '512 kb' }).uploadMaxBytes).to.equal(512 * 1024);
    for (const bad of ['ten', '0', '100', '51MB', '-1', '1.5MB']) expect(() => loadConfig({ UPLOAD_MAX_BYTES: bad }), bad).to.throw('UPLOAD_MAX_BYTES 无效');
  });
});

describe('WEBCHAT_RESUME_DAYS in the configuration', () => {
  it('defaults to 7 days, takes whole days from 1 to 30, and stops start-up on anything else', () => {
    expect(loadConfig({}).webchatResumeDays).to.equal(7);
    expect(loadConfig({ WEBCHAT_RESUME_DAYS: '30' }).webchatResumeDays).to.equal(30);
    expect(() => loadConfig({ WEBCHAT_RESUME_DAYS: '0' })).to.throw('WEBCHAT_RESUME_DAYS 无效: 0');
    expect(() => loadConfig({ WEBCHAT_RESUME_DAYS: '1.5' })).to.throw('WEBCHAT_RESUME_DAYS 无效');
    expect(() => loadConfig({ WEBCHAT_RESUME_DAYS: '31' })).to.throw('WEBCHAT_RESUME_DAYS 无效');
  });
});
