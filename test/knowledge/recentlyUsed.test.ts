import { expect } from 'chai';
import { RecentlyUsed } from '../../knowledge/recentlyUsed.js';

describe('RecentlyUsed', () => {
  it('works a value out once and keeps it', () => {
    const kept = new RecentlyUsed<string>(2);
    let made = 0;
    const make = () => `v${++made}`;
    expect(kept.get('a', make)).to.equal('v1');
    expect(kept.get('a', make)).to.equal('v1');
    expect(made).to.equal(1);
  });

  it('lets the least recently used go first when full, a read counting as a use', () => {
    const kept = new RecentlyUsed<string>(2);
    const made: string[] = [];
    const get = (key: string) => kept.get(key, () => (made.push(key), key.toUpperCase()));
    get('a');
    get('b');
    get('a'); // a used after b: b is now the oldest
    get('c'); // b goes
    get('a');
    expect(made).to.deep.equal(['a', 'b', 'c']);
    get('b');
    expect(made).to.deep.equal(['a', 'b', 'c', 'b']);
  });

  it('forgets everything on clear', () => {
    const kept = new RecentlyUsed<number>(4);
    let made = 0;
    kept.get('a', () => ++made);
    kept.clear();
    expect(kept.get('a', () => ++made)).to.equal(2);
  });

  it('never keeps a text holding an ID or phone number, or a 6-character ID tail', () => {
    const kept = new RecentlyUsed<number>(4);
    let made = 0;
    for (const text of ['我的手机号是13812345678', '身份证110101199003071234', '123456']) {
      kept.get(text, () => ++made);
      kept.get(text, () => ++made);
    }
    expect(made).to.equal(6);
  });
});
