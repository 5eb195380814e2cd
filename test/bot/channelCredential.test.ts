import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '../../bot/adapter.js';
import { silentLogger } from '../../bot/logger.js';
import { testConfig } from '../support.js';

/** A Connector endpoint that records the Authorization header of every post. */
async function recordingConnector() {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the secret the bot shares with its Direct Line channel', () => {
  it('goes with the bot\'s posts to the channel\'s own service URL and to no other', async () => {
    const connector = await recordingConnector();
    try {
      const channelUrl = `${connector.base}/v3/directline`;
      const adapter = createAdapter(testConfig(), silentLogger, { serviceUrl: () => channelUrl, secret: 'shared-secret' });
      const send = (serviceUrl: string) =>
        adapter.continueConversationAsync('', { channelId: 'test', serviceUrl, conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' } }, async (context) => {
          await context.sendActivity('hello');
        });
      await send(channelUrl);
      // Same host and port, another path; and a look-alike prefix.
      await send(`${connector.base}/elsewhere`);
      await send(`${connector.base}/v3/directline-not`);
      expect(connector.seen).to.deep.equal(['Bearer shared-secret', undefined, undefined]);
    } finally {
      await connector.close();
    }
  });
});
