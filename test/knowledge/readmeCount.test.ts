import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { shippedKnowledge } from '../support.js';

describe('README', () => {
  it('states the number of knowledge entries the bot loads, wherever it names it', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const stated = [...readme.matchAll(/\((\d+) (?:knowledge )?entries/g)].map((m) => Number(m[1]));
    expect(stated).to.have.length.greaterThan(0);
    for (const n of stated) expect(n).to.equal(shippedKnowledge().kb.entries.length);
  });
});
