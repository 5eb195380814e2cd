import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../bot/paths.js';

/** The TypeScript sources under `folder`, by path from the project root. */
function sources(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => relative(projectRoot, join(projectRoot, folder, f)));
}

const read = (path: string) => readFileSync(join(projectRoot, path), 'utf8');

describe('cases/ is the one place that changes a case', () => {
  it('no route, dialog or job writes a case or the outbox itself', () => {
    const writes = /\bcases\.(update|create)\(|\boutbox\.enqueue\(/;
    const offenders = [...sources('bot'), ...sources('dialogs')].filter((path) => writes.test(read(path)));
    expect(offenders).to.deep.equal([]);
  });

  it('imports only downwards: nothing from bot/ or dialogs/', () => {
    const upward = /from '\.\.\/(bot|dialogs)\//;
    expect(sources('cases').filter((path) => upward.test(read(path)))).to.deep.equal([]);
  });
});
