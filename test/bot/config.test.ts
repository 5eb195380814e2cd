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
