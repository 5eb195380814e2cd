import { expect } from 'chai';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { startServerProcess } from '../../scripts/fuzz/serverProcess.js';

describe('SIGTERM (a real child process)', function () {
  this.timeout(90_000);

  it('exits 0 within 10 s while holding a keep-alive connection and an open Direct Line WebSocket', async () => {
    const { child, base } = await startServerProcess();
    const agent = new Agent({ keepAlive: true });
    let ws: WebSocket | undefined;
    try {
      // A keep-alive connection, idle after its answer.
      const status = await new Promise<number>((resolve, reject) => {
        request(`${base}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
      expect(status).to.equal(200);
      // An open Direct Line stream.
      const { token } = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
      const started = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      const { streamUrl } = (await started.json()) as { streamUrl: string };
      ws = new WebSocket(streamUrl);
      await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));
      const wsClosed = new Promise((resolve) => ws!.once('close', resolve));

      const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
        const sent = Date.now();
        child.once('exit', (code) => resolve({ code, ms: Date.now() - sent }));
      });
      child.kill('SIGTERM');
      const { code, ms } = await exited;
      expect(code).to.equal(0);
      expect(ms, 'ms to exit').to.be.below(10_000);
      await wsClosed;
    } finally {
      agent.destroy();
      ws?.terminate();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
