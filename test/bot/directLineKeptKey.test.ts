import { expect } from 'chai';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../bot/app.js';
import { KEPT_KEY_FILE, keptSigningKey, signingKey, verifyToken } from '../../bot/channels/directLineTokens.js';
import { tempDir, testConfig } from '../support.js';

describe('Direct Line token key without DIRECTLINE_SECRET', () => {
  it('is made once per data folder, owner-only, and read back the same', () => {
    const dir = tempDir();
    const key = keptSigningKey(dir);
    expect(key).to.have.length(32);
    expect(statSync(join(dir, KEPT_KEY_FILE)).mode & 0o777).to.equal(0o600);
    expect(keptSigningKey(dir).equals(key)).to.equal(true);
    expect(keptSigningKey(tempDir()).equals(key)).to.equal(false);
  });

  it('signs the web page’s tokens on the embedded store, so they stay good after a restart', async function () {
    this.timeout(60_000);
    const dataDir = tempDir();
    const app = await createApp({ config: testConfig({ dataDir, store: 'lowdb', directLineSecret: undefined }) });
    try {
      const base = await app.listen();
      const { token } = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
      const now = new Date();
      // What the next start reads from the folder verifies it; the key of this process alone does not.
      expect(verifyToken(keptSigningKey(dataDir), token, now).ok).to.equal(true);
      expect(verifyToken(signingKey(undefined), token, now).ok).to.equal(false);
    } finally {
      await app.close();
    }
  });
});
