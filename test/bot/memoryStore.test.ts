import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { testConfig, tempDir } from '../support.js';

describe('the app on STORE=memory', () => {
  it('answers and applies with nothing written to the data folder', async () => {
    const dataDir = join(tempDir(), 'never-created');
    const app = await createApp({ config: testConfig({ store: 'memory', dataDir }), logger: silentLogger });
    const base = await app.listen();
    try {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', text: '办残疾证要带什么材料', channelId: 'test', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
          conversation: { id: 'm1' }, from: { id: 'u1' }, recipient: { id: 'bot' },
        }),
      });
      expect(res.status).to.equal(200);
      const replies = ((await res.json()) as { activities: { text: string }[] }).activities;
      // The answer first (a first question gets no welcome in front of it).
      expect(replies[0].text).to.include('身份证');
      expect(Object.keys(await app.stores.storage.read(['test/conversations/m1/']))).to.have.length(1);
      expect((await app.stores.slots.list({})).length).to.be.greaterThan(0);
    } finally {
      await app.close();
    }
    expect(existsSync(dataDir)).to.equal(false);
  });
});
