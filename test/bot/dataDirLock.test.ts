import { expect } from 'chai';
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../data/lowdb/dataDirLock.js';
import { startEntryPoint, tempDir } from '../support.js';

const RUNNING = /admin API:.*\n/;

describe('one process per data folder (real processes)', () => {
  it('refuses a second process on the same folder, naming the folder and the holder; after kill -9 a new one takes over', async function () {
    this.timeout(120_000);
    const dataDir = tempDir();
    const first = await startEntryPoint({ DATA_DIR: dataDir }, RUNNING);
    let third;
    try {
      expect(first.out).to.match(RUNNING);
      const lock = join(dataDir, LOCK_FILE);
      expect(JSON.parse(readFileSync(lock, 'utf8'))).to.include({ pid: first.pid, host: hostname() });
      expect(statSync(lock).mode & 0o777).to.equal(0o600);

      const second = await startEntryPoint({ DATA_DIR: dataDir }, /$^/);
      expect(second.code).to.equal(1);
      expect(second.out).to.include(`data folder ${dataDir} is in use`).and.include(`pid ${first.pid} on host ${hostname()}`);

      first.kill('SIGKILL');
      await first.exited;
      third = await startEntryPoint({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }, RUNNING);
      expect(third.out).to.match(RUNNING);
      expect(third.out).to.include('data_lock_taken_over').and.include(`"stalePid":${first.pid}`);
      expect(JSON.parse(readFileSync(lock, 'utf8'))).to.include({ pid: third.pid });
    } finally {
      first.kill('SIGKILL');
      third?.kill('SIGTERM');
      await third?.exited;
    }
  });
});
