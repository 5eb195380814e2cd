import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { demoEnv } from '../../scripts/fakes/demoAccounts.js';

// The README's "try WeChat and SMS locally" settings are typed by hand: they must be what
// `npm run fakes` prints, or a newcomer's bot refuses to start (a template missing) or fails
// every signature.
describe('README: trying WeChat and SMS locally', () => {
  it('exports exactly the settings npm run fakes prints for its default ports', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const expected = demoEnv('http://127.0.0.1:3901', 'http://127.0.0.1:3902');
    const written = Object.fromEntries([...readme.matchAll(/\b((?:SMS|WECHAT)_[A-Z_]+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
    expect(written).to.deep.equal(expected);
  });
});
