import type { Server } from 'restify';
import { z } from 'zod';
import { AGENT_ROLES, accountView, createAccount, type AgentStore } from '../../data/agents.js';
import type { Clock } from '../../data/clock.js';
import { guardRoute, HttpError, sendJson } from '../http.js';
import type { AdminGuard } from './admin.js';
import { parseBody, trimmed } from './agentConsole.js';

const accountSchema = z
  .object({
    name: trimmed(32),
    displayName: trimmed(50).optional(),
    password: z.string().min(1).max(200),
    role: z.enum(AGENT_ROLES),
    by: trimmed(50).optional(),
  })
  .strict();

/** The back office's agent accounts: POST /api/admin/agents creates one, GET lists them (no hashes). */
export function registerAgentAccounts(server: Server, admin: AdminGuard, agents: AgentStore, clock: Clock): void {
  server.post('/api/admin/agents', guardRoute(async (req, res) => {
    if (!admin(req, res)) return;
    const { by, ...request } = await parseBody(req, accountSchema);
    const result = await createAccount(agents, request, by ?? 'admin', clock.now());
    if (!result.ok) throw new HttpError(result.taken ? 409 : 400, result.error);
    sendJson(res, 201, { account: accountView(result.account) });
  }));

  server.get('/api/admin/agents', guardRoute(async (req, res) => {
    if (!admin(req, res)) return;
    sendJson(res, 200, { accounts: (await agents.list()).map(accountView) });
  }));
}
