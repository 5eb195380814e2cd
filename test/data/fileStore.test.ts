import { expect } from 'chai';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DiskFileStore } from '../../data/files/diskFileStore.js';
import { tempDir } from '../support.js';

describe('DiskFileStore files', () => {
  it('are owner-only in owner-only folders, with no temp file left behind', async () => {
    const dataDir = tempDir();
    const store = DiskFileStore.open(dataDir);
    const id = await store.put(Buffer.from('身份证照片'), 'YC202611200001');
    const folder = join(dataDir, 'files', id.slice(0, 2));
    expect(statSync(join(dataDir, 'files')).mode & 0o777).to.equal(0o700);
    expect(statSync(folder).mode & 0o777).to.equal(0o700);
    expect(statSync(join(folder, id)).mode & 0o777).to.equal(0o600);
    expect(readdirSync(folder)).to.deep.equal([id]);
  });
});
