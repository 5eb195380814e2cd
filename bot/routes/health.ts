import type { Server } from 'restify';
import { guardRoute } from '../http.js';

export function registerHealth(server: Server): void {
  server.get('/healthz', guardRoute(async (_req, res) => {
    res.json(200, { status: 'ok' });
  }));
}
