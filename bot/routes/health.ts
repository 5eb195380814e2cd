import type { Server } from 'restify';

export function registerHealth(server: Server): void {
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });
}
