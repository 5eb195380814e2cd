import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const child = fileURLToPath(new URL('./jiebaChild.js', import.meta.url));
const run = async (...args: string[]) => JSON.parse((await promisify(execFile)(process.execPath, [child, ...args], { maxBuffer: 64 << 20 })).stdout);

describe('jieba dictionary built on a worker thread', () => {
  it('is handed over at start-up and reads every wording, answer and tag as one built in place', async () => {
    const [handed, inPlace] = await Promise.all([run(), run('in-place')]);
    expect(handed.handedOver).to.equal(true);
    expect(inPlace.handedOver).to.equal(false);
    expect(handed.analyses.length).to.be.greaterThan(3000);
    expect(handed.typo).to.equal('护理补贴残疾证怎么办');
    expect(handed).to.deep.equal({ ...inPlace, handedOver: true });
  });
});
