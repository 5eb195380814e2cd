import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { formatIssues } from '../../data/validation.js';
import { HttpError, readJsonBody, sendError } from '../http.js';
import type { Logger } from '../logger.js';
import type { FloodGuard } from '../limits/floodGuard.js';

export const MAX_ACTIVITY_BYTES = 1024 * 1024;

// The shape CloudAdapter needs to run a turn; anything less is the client's error (400).
const activityShape = z
  .object({
    type: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: z.object({ id: z.string().min(1) }).passthrough().optional(),
    text: z.string().optional(),
    serviceUrl: z.string().optional(),
    channelId: z.string().optional(),
  })
  .passthrough();

/** POST /api/messages: Bot Framework activities into the adapter. */
export function registerMessages(server: Server, adapter: CloudAdapter, bot: ActivityHandler, logger: Logger, flood?: FloodGuard): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      const body = await readJsonBody(req, MAX_ACTIVITY_BYTES);
      const parsed = activityShape.safeParse(body);
      if (!parsed.success) throw new HttpError(400, `不是有效的 activity: ${formatIssues(parsed.error)}`);
      const user = `${parsed.data.channelId ?? ''}:${parsed.data.from?.id ?? parsed.data.conversation.id}`;
      if (flood && !(await flood.admitUser('messages', user, res))) return;
      req.body = parsed.data;
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      if (err instanceof HttpError) return sendError(res, err.status, err.message);
      if (err instanceof z.ZodError) return sendError(res, 400, `不是有效的 activity: ${formatIssues(err)}`);
      logger.error('messages_failed', { message: (err as Error).message, stack: (err as Error).stack });
      if (!res.headersSent) sendError(res, 500, '服务器内部错误');
    }
  });
}
