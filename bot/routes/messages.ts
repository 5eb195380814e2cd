import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import { formatIssues } from '../../data/validation.js';
import { HttpError, guardRoute, readJsonBody } from '../http.js';
import { idSchema } from '../ids.js';
import type { Logger } from '../logger.js';
import { WECHAT_CHANNEL } from '../channels/wechat/activities.js';
import type { FloodGuard } from '../limits/floodGuard.js';
import type { ReplyTargets } from '../replyTargets.js';

export const MAX_ACTIVITY_BYTES = 1024 * 1024;

const required = { required_error: '必填' };

// What a turn needs to be answered at all; anything less is the client's error (400), found
// here rather than halfway through the turn.
const activityShape = z
  .object({
    // Invokes want an answer this bot does not give (the adapter would say 501).
    type: z.string(required).min(1).max(64).refine((type) => type !== 'invoke', '不支持 invoke 类型的 activity'),
    serviceUrl: z.string(required).min(1).max(2048),
    channelId: idSchema,
    conversation: z.object({ id: idSchema }, required).passthrough(),
    from: z.object({ id: idSchema }, required).passthrough(),
    recipient: z.object({ id: idSchema }).passthrough().optional(),
    text: z.string().optional(),
  })
  .passthrough();

export interface MessagesDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Set when the bot is anonymous (no MicrosoftAppId): where its replies may go. */
  replyTargets?: ReplyTargets;
  /** Flood limits per chat user, when on. */
  flood?: FloodGuard;
}

/** POST /api/messages: Bot Framework activities into the adapter. */
export function registerMessages(server: Server, { adapter, bot, logger, replyTargets, flood }: MessagesDeps): void {
  server.post(
    '/api/messages',
    guardRoute(async (req, res) => {
      const parsed = activityShape.safeParse(await readJsonBody(req, MAX_ACTIVITY_BYTES));
      if (!parsed.success) throw new HttpError(400, `不是有效的 activity: ${formatIssues(parsed.error)}`);
      const user = `${parsed.data.channelId ?? ''}:${parsed.data.from?.id ?? parsed.data.conversation.id}`;
      if (flood && !(await flood.admitUser('messages', user, res))) return;
      // Checked before the turn: no request leaves the server for a host the client picked.
      const refused = replyTargets?.problem(parsed.data.serviceUrl);
      if (refused) throw new HttpError(403, refused);
      if (replyTargets && parsed.data.channelId === 'directline') throw new HttpError(403, 'directline 通道的消息只能经由 /v3/directline 发送');
      // A WeChat follower is who the platform's signed push says, never who a client names.
      if (parsed.data.channelId === WECHAT_CHANNEL) throw new HttpError(403, 'wechat 通道的消息只能经由 /api/wechat 发送');
      // An anonymous bot takes no credential: the adapter would try to validate one against
      // Microsoft's OpenID metadata, an outbound request any client could set off.
      if (replyTargets) delete req.headers.authorization;
      req.body = parsed.data;
      await adapter.process(req, res, (context) => bot.run(context));
    }, logger),
  );
}
