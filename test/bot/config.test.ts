import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';

describe('STORE in the configuration', () => {
  it('defaults to lowdb, takes memory, and stops start-up on anything else', () => {
    expect(loadConfig({}).store).to.equal('lowdb');
    expect(loadConfig({ STORE: 'memory' }).store).to.equal('memory');
    expect(loadConfig({ STORE: 'postgres' }).store).to.equal('postgres');
    expect(() => loadConfig({ STORE: 'sqlite' })).to.throw('STORE 无效: sqlite');
  });
});

describe('UPLOAD_MAX_BYTES and WEBCHAT_RESUME_DAYS in the configuration', () => {
  it('default to 10 MB and 7 days, take whole numbers in range, and stop start-up on anything else', () => {
    expect(loadConfig({})).to.include({ uploadMaxBytes: 10 * 1024 * 1024, webchatResumeDays: 7 });
    expect(loadConfig({ UPLOAD_MAX_BYTES: '2048', WEBCHAT_RESUME_DAYS: '30' })).to.include({ uploadMaxBytes: 2048, webchatResumeDays: 30 });
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '10MB' })).to.throw('UPLOAD_MAX_BYTES 无效: 10MB');
    expect(() => loadConfig({ WEBCHAT_RESUME_DAYS: '0' })).to.throw('WEBCHAT_RESUME_DAYS 无效: 0');
    expect(() => loadConfig({ WEBCHAT_RESUME_DAYS: '1.5' })).to.throw('WEBCHAT_RESUME_DAYS 无效');
  });
});
