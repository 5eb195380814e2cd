import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../../data/clock.js';
import type { DirectLineActivity, DirectLineStore } from '../../data/directLineStore.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../data/files/inspectUpload.js';
import { formatIssues } from '../../data/validation.js';
import { HttpError, guardRoute, readJsonBody, sendJson, sourceAddress } from '../http.js';
import { idProblem, idSchema } from '../ids.js';
import { CredentialLockout } from '../limits/lockout.js';
import type { Logger } from '../logger.js';
import { ConversationFeed, attachStreams } from './directLineStream.js';
import { DirectLineUploads } from './directLineUploads.js';
import { UploadError, discardBody, readMultipartUpload, uploadCap } from './multipartUpload.js';
import { isSecret, signToken, signingKey, verifyToken, type TokenClaims } from './directLineTokens.js';

/** The cloud service's limit on one activity. */
export const MAX_DIRECT_LINE_ACTIVITY_BYTES = 256 * 1024;
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 60;
/** As in the 3.0 reference: a `streamUrl` must be connected to within 60 seconds. */
export const STREAM_URL_TTL_SECONDS = 60;
/** Files one upload may carry (Web Chat sends what the person picked at once). */
export const MAX_UPLOAD_FILES = 5;
/** How often, at most, a new conversation also sweeps out the expired ones. */
const SWEEP_INTERVAL_MS = 3600_000;

const PREFIX = '/v3/directline';
/** The bot as this channel's users see it (`from` of everything the bot sends, `recipient` of what it gets). */
const DIRECT_LINE_BOT = { id: 'bot', name: 'Bot', role: 'bot' };
/** What clients may post: messages, typing indicators and events (Web Chat's backchannel). */
const USER_ACTIVITY_TYPES = ['message', 'typing', 'event'] as const;

export interface DirectLineDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** DIRECTLINE_SECRET: the server-side credential for `tokens/generate` and for any conversation. */
  secret?: string;
  /** The key tokens are signed with when no secret is configured (`keptSigningKey`). */
  keptKey?: Buffer;
  /**
   * What the bot presents on the Connector API (`ChannelCredential.secret` of its adapter):
   * generated at start-up, known to this process only, so nothing outside can post as the bot.
   */
  connectorSecret: string;
  store: DirectLineStore;
  clock: Clock;
  /** Where this server is reachable, e.g. `http://127.0.0.1:3978`: the bot's replies are posted there. */
  publicBaseUrl: () => string;
  logger: Logger;
  tokenTtlSeconds?: number;
  /**
   * MicrosoftAppId, when set. The adapter then accepts only turns carrying a Microsoft-signed
   * channel token, which a self-hosted channel cannot produce: conversations are refused (503)
   * and the Connector endpoints require a bearer token.
   */
  appId?: string;
  /** Wrong secrets, counted per source address and in all; one of its own unless the app shares one. */
  lockout?: CredentialLockout;
  /** UPLOAD_MAX_BYTES: the largest file `…/upload` takes (413 beyond it). */
  uploadMaxBytes?: number;
}

export interface DirectLineToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface DirectLineChannel {
  /** Closes the open WebSocket streams; call it before closing the server. */
  close(): void;
  /** Wakes the streams open here on a conversation another instance appended to (a shared store). */
  notify(conversationId: string): void;
}

/**
 * Where the bot fetches a file posted to `…/upload`: on the channel's Connector side, which
 * answers to the connector secret only (see `ChannelCredential` in bot/adapter.ts).
 */
const attachmentUrlOf = (serviceUrl: string, conversationId: string, attachmentId: string) =>
  `${serviceUrl}/v3/attachments/${encodeURIComponent(conversationId)}/${encodeURIComponent(attachmentId)}`;

/** True for a URL under the channel's attachments at `serviceUrl` (whoever's conversation it names). */
export const isDirectLineAttachmentUrl = (url: URL, serviceUrl: string) => url.href.startsWith(`${serviceUrl}/v3/attachments/`);

type TokenDeps = Pick<DirectLineDeps, 'secret' | 'keptKey' | 'clock' | 'tokenTtlSeconds'>;

/** A fresh Connector API secret for `DirectLineDeps.connectorSecret` and the adapter's `ChannelCredential`. */
export const newConnectorSecret = () => randomBytes(32).toString('base64url');
/** A user as tokens carry it and `membersAdded` names it. */
export type DirectLineUser = { id: string; name?: string };

/** Direct Line's error body, `{error: {code, message}}`, with the cloud service's codes. */
class DirectLineError extends HttpError {
  constructor(status: number, message: string, readonly code = codeFor(status), readonly retryAfter?: number) {
    super(status, message);
  }
}

/** The holder whose wrong tries are counted: a bearer that is neither a valid token nor the secret guesses the secret. */
const SECRET_HOLDER = 'directline-secret';

const CODES = new Map([
  [400, 'BadArgument'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'NotFound'],
  [405, 'MethodNotAllowed'],
  [413, 'MessageSizeTooBig'],
  [429, 'TooManyRequests'],
  [502, 'BotError'],
  [503, 'ServiceUnavailable'],
]);
const codeFor = (status: number) => CODES.get(status) ?? (status >= 500 ? 'ServiceError' : 'BadArgument');

function sendDirectLineError(res: Response, err: HttpError): void {
  if (err.status === 401) res.header('WWW-Authenticate', 'Bearer');
  if (err instanceof DirectLineError && err.retryAfter) res.header('Retry-After', String(err.retryAfter));
  sendJson(res, err.status, { error: { code: err instanceof DirectLineError ? err.code : codeFor(err.status), message: err.message } });
}

/** restify's own answers under the prefix (no such route, wrong method) in Direct Line's error shape too. */
function shapeRouterErrors(server: Server): void {
  server.on('restifyError', (req: Request, _res: Response, err: { statusCode?: number; message: string; toJSON?: () => unknown }, callback: () => void) => {
    if (req.getPath?.()?.startsWith(PREFIX)) {
      const status = err.statusCode ?? 500;
      err.toJSON = () => ({ error: { code: codeFor(status), message: err.message } });
    }
    callback();
  });
}

/** Random and unguessable: a conversation id also names the bot's state for that conversation. */
const newConversationId = () => randomBytes(18).toString('base64url');

function mint(deps: TokenDeps, conversationId: string, user?: DirectLineUser, scope?: 'stream'): DirectLineToken {
  const ttl = scope ? STREAM_URL_TTL_SECONDS : (deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  const claims: TokenClaims = {
    conv: conversationId,
    ...(user && { user: user.id }),
    ...(user?.name && { name: user.name }),
    ...(scope && { scope }),
    iat,
    exp: iat + ttl,
  };
  return { conversationId, token: signToken(signingKey(deps.secret, deps.keptKey), claims), expires_in: ttl };
}

/**
 * A token for a new conversation, for the web page's same-origin endpoint (the page never sees
 * the secret). It always carries a user id (a fresh `dl_…` one unless given), so the bot is told
 * the user joined as soon as the conversation starts and its welcome is there before the user
 * types, as with a cloud token generated with a user id.
 */
export function issueToken(deps: TokenDeps, user: DirectLineUser = { id: `dl_${randomBytes(12).toString('base64url')}` }): DirectLineToken {
  return mint(deps, newConversationId(), user);
}

/**
 * A token for a conversation a page had before (after a reload): for a user who is a member of
 * it, while it was last used within `maxIdleMs`; undefined otherwise, and the page starts anew.
 */
export async function resumeToken(deps: TokenDeps & { store: DirectLineStore }, user: DirectLineUser, conversationId: string, maxIdleMs: number): Promise<DirectLineToken | undefined> {
  if (idProblem(conversationId)) return undefined;
  const conversation = await deps.store.get(conversationId);
  if (!conversation?.members.includes(user.id)) return undefined;
  if (deps.clock.now().getTime() - Date.parse(conversation.updatedAt) > maxIdleMs) return undefined;
  return mint(deps, conversationId, user);
}

const id = idSchema;
const name = z.string().max(256).optional();
// Clients send `user: {}` when they have no id to give (the official one does): no user then.
const optionalUser = z.object({ id: id.optional(), name }).passthrough().optional();
const startParams = z.object({ user: optionalUser, locale: z.string().max(64).optional() }).passthrough();
const userActivityShape = z
  .object({
    type: z.enum(USER_ACTIVITY_TYPES, { errorMap: () => ({ message: `应是 ${USER_ACTIVITY_TYPES.join('、')} 之一` }) }),
    text: z.string().optional(),
    from: optionalUser,
    locale: z.string().max(64).optional(),
    channelData: z.record(z.unknown()).optional(),
    attachments: z.array(z.object({ contentUrl: z.string().max(MAX_DIRECT_LINE_ACTIVITY_BYTES).optional() }).passthrough()).max(20).optional(),
  })
  .passthrough();
const botActivityShape = z.object({ type: z.string().min(1) }).passthrough();

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new DirectLineError(400, `不是有效的${what}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Bodies that the protocol makes optional (token and conversation requests): none is `{}`. */
async function readOptionalJson(req: Request): Promise<unknown> {
  const length = req.headers['content-length'];
  if ((length === undefined || length === '0') && !req.headers['transfer-encoding']) return {};
  return readJsonBody(req, MAX_DIRECT_LINE_ACTIVITY_BYTES);
}

/** The conversation id in the path, refused (400) when it cannot be one. */
function conversationIdOf(req: Request): string {
  const conversationId = String(req.params.conversationId ?? '');
  const problem = idProblem(conversationId);
  if (problem) throw new DirectLineError(400, `会话 id ${problem}`);
  return conversationId;
}

function parseWatermark(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new DirectLineError(400, 'watermark 应是上次返回的 watermark');
  return Number(raw);
}

type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

/**
 * Direct Line 3.0: a self-hosted channel. Clients (the official `botframework-directlinejs`,
 * Web Chat) use the client API under `/v3/directline`; their activities reach the bot as
 * Bot Framework turns through the adapter, and the bot answers, now or later (proactive
 * messages), through the Connector API endpoints under the `serviceUrl` this channel gives it
 * (`<publicBaseUrl>/v3/directline`). Clients poll, or read a WebSocket `streamUrl`.
 *
 * Status codes follow the cloud service, which the official client reacts to: 401 for a missing
 * or invalid credential, 403 for an expired token (code `TokenExpired`: the client asks for a new
 * one) or a token for another conversation, 404 for an unknown conversation (the client ends it).
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): DirectLineChannel {
  const { adapter, bot, store, clock, logger } = deps;
  const lockout = deps.lockout ?? new CredentialLockout(clock);
  shapeRouterErrors(server);
  const key = signingKey(deps.secret, deps.keptKey);
  const feed = new ConversationFeed();
  const uploads = new DirectLineUploads(clock);
  const uploadMaxBytes = deps.uploadMaxBytes ?? DEFAULT_UPLOAD_LIMITS.maxBytes;
  let lastSweep = -Infinity;

  const serviceUrl = () => `${deps.publicBaseUrl().replace(/\/+$/, '')}${PREFIX}`;
  // Its own token, good for connecting within 60 s only and for nothing else.
  const streamUrl = (conversationId: string, user: DirectLineUser | undefined, watermark?: number) =>
    `${serviceUrl().replace(/^http/, 'ws')}/conversations/${encodeURIComponent(conversationId)}/stream?t=${mint(deps, conversationId, user, 'stream').token}` +
    (watermark === undefined ? '' : `&watermark=${watermark}`);

  function authenticate(req: Request): Caller {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) throw new DirectLineError(401, '需要 Authorization: Bearer <secret 或 token>');
    // Only what is not token-shaped guesses the secret: a stale token (a restart without a
    // secret, an old page) must not lock a shared address out, and tokens cannot be guessed.
    const guess = Boolean(deps.secret) && bearer.split('.').length !== 3;
    const source = sourceAddress(req);
    const retryAfter = guess ? lockout.retryAfter(SECRET_HOLDER, source) : undefined;
    if (retryAfter) throw new DirectLineError(429, `secret 错误次数太多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, 'TooManyRequests', retryAfter);
    if (isSecret(bearer, deps.secret)) return { kind: 'secret' };
    const check = verifyToken(key, bearer, clock.now());
    // A stream URL's token opens that stream and nothing else.
    if (check.ok && check.claims.scope === 'stream') throw new DirectLineError(401, '这个 token 只能用于连接 streamUrl');
    if (check.ok) return { kind: 'token', claims: check.claims };
    if (check.reason === 'expired') throw new DirectLineError(403, 'token 已过期，请重新获取', 'TokenExpired');
    // 403, as for an expired one: the official client then asks its page for a new token (a 401 it retries for ever).
    if (check.reason === 'unsigned') throw new DirectLineError(403, 'token 已失效，请重新获取', 'BadArgument');
    if (guess) lockout.fail(SECRET_HOLDER, source);
    throw new DirectLineError(401, 'secret 或 token 无效');
  }

  function authorizeConversation(caller: Caller, conversationId: string): void {
    if (caller.kind === 'token' && caller.claims.conv !== conversationId) throw new DirectLineError(403, '此 token 不属于这个会话');
  }

  function requireAnonymousBot(): void {
    if (deps.appId) throw new DirectLineError(503, '自托管 Direct Line 只能用于匿名模式的机器人（未设置 MicrosoftAppId）');
  }

  function requireConnectorSecret(req: Request): void {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !isSecret(bearer, deps.connectorSecret)) throw new DirectLineError(401, '只有机器人本身可以访问这里');
  }

  const userOf = (claims: TokenClaims): DirectLineUser | undefined => (claims.user ? { id: claims.user, name: claims.name } : undefined);

  /** Runs one Bot Framework turn, as the adapter does for an HTTP POST to /api/messages. */
  async function runTurn(activity: Record<string, unknown>): Promise<void> {
    const turn = { ...activity, timestamp: new Date(activity.timestamp as string) } as unknown as Activity;
    // Anonymous: with MicrosoftAppId unset the adapter accepts an empty authorization header
    // (see requireAnonymousBot) and builds the connector that posts replies to `serviceUrl`.
    await adapter.processActivityDirect('', turn, (context) => bot.run(context));
  }

  /** What the cloud service sends when members join: the bot and/or a user with a known id. */
  async function announce(conversationId: string, members: DirectLineUser[], from: DirectLineUser, locale?: string): Promise<void> {
    await runTurn({
      type: 'conversationUpdate',
      id: randomUUID(),
      timestamp: clock.now().toISOString(),
      channelId: 'directline',
      serviceUrl: serviceUrl(),
      conversation: { id: conversationId },
      from,
      recipient: DIRECT_LINE_BOT,
      membersAdded: members,
      ...(locale && { locale }),
    });
  }

  /** Deletes conversations past their retention; runs with new conversations, so no timer is needed. */
  async function sweep(): Promise<void> {
    const now = clock.now();
    if (now.getTime() - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = now.getTime();
    const removed = await store.expire(now);
    if (removed) logger.info('directline_expired', { conversations: removed });
  }

  const handle = (fn: (req: Request, res: Response) => Promise<void>) => guardRoute(fn, logger, sendDirectLineError);

  // --- Client API -----------------------------------------------------------------------------

  server.post(`${PREFIX}/tokens/generate`, handle(async (req, res) => {
    if (!deps.secret) throw new DirectLineError(403, '未配置 DIRECTLINE_SECRET：请从网页的令牌接口获取 token');
    if (authenticate(req).kind !== 'secret') throw new DirectLineError(403, '生成 token 需要 secret');
    const { user } = parse(startParams, await readOptionalJson(req), 'token 参数');
    sendJson(res, 200, mint(deps, newConversationId(), user?.id ? { id: user.id, name: user.name } : undefined));
  }));

  server.post(`${PREFIX}/tokens/refresh`, handle(async (req, res) => {
    const caller = authenticate(req);
    if (caller.kind !== 'token') throw new DirectLineError(403, '只能刷新 token');
    sendJson(res, 200, mint(deps, caller.claims.conv, userOf(caller.claims)));
  }));

  /**
   * Starts a conversation (a new one with the secret, the token's own with a token), or returns
   * it when already started. On start the bot gets the cloud service's conversationUpdate: the
   * bot and, when the user id is known (in the token or the body), the user.
   */
  server.post(`${PREFIX}/conversations`, handle(async (req, res) => {
    const caller = authenticate(req);
    requireAnonymousBot();
    const body = parse(startParams, await readOptionalJson(req), '会话参数');
    const conversationId = caller.kind === 'token' ? caller.claims.conv : newConversationId();
    const fromToken = caller.kind === 'token' ? userOf(caller.claims) : undefined;
    const user = fromToken ?? (body.user?.id ? { id: body.user.id, name: body.user.name } : undefined);
    const created = await store.create(conversationId, clock.now());
    const token = mint(deps, conversationId, user);
    sendJson(res, created ? 201 : 200, { ...token, streamUrl: streamUrl(conversationId, user) });
    if (!created) return;
    logger.info('directline_conversation_started', { conversation: conversationId });
    void sweep().catch((err: Error) => logger.error('directline_expire_failed', { message: err.message }));
    // After the response: like the cloud service, the start does not wait for the bot. The
    // welcome lands in the transcript, which clients read from its beginning.
    void (async () => {
      // The user may have posted already and been announced then: never twice.
      const userJoins = user && (await store.addMembers(conversationId, [user.id]))?.length ? [user] : [];
      await announce(conversationId, [DIRECT_LINE_BOT, ...userJoins], user ?? DIRECT_LINE_BOT, body.locale);
    })().catch((err: Error) => logger.error('directline_start_failed', { conversation: conversationId, message: err.message }));
  }));

  /** Reconnect: a fresh token and stream URL for a conversation that exists. */
  server.get(`${PREFIX}/conversations/:conversationId`, handle(async (req, res) => {
    const caller = authenticate(req);
    const conversationId = conversationIdOf(req);
    authorizeConversation(caller, conversationId);
    const watermark = parseWatermark(new URL(req.url ?? '', 'http://localhost').searchParams.get('watermark'));
    if (!(await store.get(conversationId))) throw new DirectLineError(404, '会话不存在或已过期');
    const user = caller.kind === 'token' ? userOf(caller.claims) : undefined;
    sendJson(res, 200, { ...mint(deps, conversationId, user), streamUrl: streamUrl(conversationId, user, watermark) });
  }));

  /**
   * A user's activity into the transcript and to the bot. `files` are an upload's: the
   * transcript (what clients read) names them, the bot's turn alone gets their `contentUrl`.
   */
  async function deliver(caller: Caller, conversationId: string, posted: z.infer<typeof userActivityShape>, files?: { kept: string[]; attachments: Record<string, unknown>[] }): Promise<string> {
    // As the cloud service does: a token bound to a user speaks as that user, whatever `from` says.
    const bound = caller.kind === 'token' ? userOf(caller.claims) : undefined;
    const userId = bound?.id ?? posted.from?.id;
    if (!userId) throw new DirectLineError(400, '不是有效的 activity: from.id: 必填（token 里没有用户 id）');
    const from = { ...posted.from, id: userId, name: bound?.name ?? posted.from?.name, role: 'user' };
    const stored = await store.append(
      conversationId,
      // The channel's fields are the channel's: id, timestamp, conversation, recipient and serviceUrl are set here, whatever the client sent.
      { ...posted, ...(files && { attachments: files.attachments }), from, channelId: 'directline', serviceUrl: serviceUrl(), conversation: { id: conversationId }, recipient: DIRECT_LINE_BOT },
      clock.now(),
    );
    if (!stored) throw new DirectLineError(404, '会话不存在或已过期');
    feed.notify(conversationId);
    const turn = files ? { ...stored, attachments: files.attachments.map((a, i) => ({ ...a, contentUrl: attachmentUrlOf(serviceUrl(), conversationId, files.kept[i]) })) } : stored;
    try {
      // A user's first activity tells the bot the user joined, as the cloud service does when the token carried no user id.
      if ((await store.addMembers(conversationId, [userId]))?.length) await announce(conversationId, [{ id: userId, name: from.name }], from, posted.locale);
      await runTurn(turn);
    } catch (err) {
      // The activity stays in the transcript; the client learns the bot did not take it.
      logger.error('directline_turn_failed', { conversation: conversationId, message: (err as Error).message });
      throw new DirectLineError(502, '机器人处理这条消息时出错');
    }
    return stored.id;
  }

  server.post(`${PREFIX}/conversations/:conversationId/activities`, handle(async (req, res) => {
    const caller = authenticate(req);
    const conversationId = conversationIdOf(req);
    authorizeConversation(caller, conversationId);
    requireAnonymousBot();
    const posted = parse(userActivityShape, await readJsonBody(req, MAX_DIRECT_LINE_ACTIVITY_BYTES), ' activity');
    // Files come through `…/upload` (or inline, as data: URLs): a link named here could be anywhere, another conversation's file included.
    if (posted.attachments?.some((a) => a.contentUrl !== undefined && !a.contentUrl.startsWith('data:'))) {
      throw new DirectLineError(400, '文件请通过 upload 接口上传');
    }
    sendJson(res, 200, { id: await deliver(caller, conversationId, posted) });
  }));

  /**
   * Files into the conversation, as botframework-directlinejs posts them: multipart with the
   * activity in a part named `activity` and one part per file. The files are kept for the bot
   * (see DirectLineUploads) and the activity goes through as any other, its attachments naming them.
   */
  const uploadLimits = { maxFileBytes: uploadMaxBytes, maxFiles: MAX_UPLOAD_FILES, maxActivityBytes: MAX_DIRECT_LINE_ACTIVITY_BYTES };
  server.post(`${PREFIX}/conversations/:conversationId/upload`, handle(async (req, res) => {
    try {
      await receiveUpload(req, res);
    } catch (err) {
      // Refused with files still arriving: read them to the end (within the limits) and drop
      // them, so the client hears why; past the limits the answer closes the connection.
      const abandoned = err instanceof UploadError && err.abandoned;
      if (abandoned || !(await discardBody(req, uploadCap(uploadLimits)))) res.setHeader('Connection', 'close');
      throw err instanceof UploadError ? new DirectLineError(err.status, err.message) : err;
    }
  }));

  async function receiveUpload(req: Request, res: Response): Promise<void> {
    const caller = authenticate(req);
    const conversationId = conversationIdOf(req);
    authorizeConversation(caller, conversationId);
    requireAnonymousBot();
    const userId = new URL(req.url ?? '', 'http://localhost').searchParams.get('userId');
    const bound = caller.kind === 'token' ? userOf(caller.claims) : undefined;
    if (bound && userId && userId !== bound.id) throw new DirectLineError(403, '此 token 不属于这个用户');
    if (userId && idProblem(userId)) throw new DirectLineError(400, `userId ${idProblem(userId)}`);
    // Nothing is read for a conversation that is not there.
    if (!(await store.get(conversationId))) throw new DirectLineError(404, '会话不存在或已过期');
    const upload = await readMultipartUpload(req, uploadLimits);
    const posted = parse(userActivityShape, upload.activity, ' activity');
    if (posted.type !== 'message') throw new DirectLineError(400, '带文件的 activity 应是 message');
    const described = posted.attachments ?? [];
    const attachments = upload.files.map((file, i) => ({ contentType: file.contentType, name: file.name, ...thumbnailOf(described[i]) }));
    const kept = upload.files.map((file) => uploads.keep(conversationId, file));
    const withUser = userId && !bound ? { ...posted, from: { ...posted.from, id: userId } } : posted;
    sendJson(res, 200, { id: await deliver(caller, conversationId, withUser, { kept, attachments }) });
  }

  server.get(`${PREFIX}/conversations/:conversationId/activities`, handle(async (req, res) => {
    const caller = authenticate(req);
    const conversationId = conversationIdOf(req);
    authorizeConversation(caller, conversationId);
    const watermark = parseWatermark(new URL(req.url ?? '', 'http://localhost').searchParams.get('watermark'));
    const page = await store.list(conversationId, watermark);
    if (!page) throw new DirectLineError(404, '会话不存在或已过期');
    // As in the 3.0 reference, typing indicators go over the stream only; the watermark still passes them.
    const activities = page.activities.filter((a) => a.type !== 'typing');
    sendJson(res, 200, { activities, ...(page.watermark !== undefined && { watermark: String(page.watermark) }) });
  }));

  const streams = attachStreams(server.server, {
    path: /^\/v3\/directline\/conversations\/([^/]+)\/stream$/,
    authorize: async (conversationId, token) => {
      if (idProblem(conversationId)) return 400;
      const check = token ? verifyToken(key, token, clock.now()) : undefined;
      if (!check?.ok) return check?.reason === 'expired' ? 403 : 401;
      if (check.claims.scope !== 'stream') return 401;
      if (check.claims.conv !== conversationId) return 403;
      return (await store.get(conversationId)) ? undefined : 404;
    },
    list: (conversationId, watermark) => store.list(conversationId, watermark),
    feed,
    logger,
  });

  // --- Connector API: where the bot's replies and proactive messages arrive -------------------

  /**
   * `sendToConversation` and `replyToActivity` of botframework-connector's ConnectorClient, given
   * serviceUrl `<base>/v3/directline`. The bot's adapter signs these calls with the connector
   * secret (see `ChannelCredential` in bot/adapter.ts), with or without a MicrosoftAppId; any
   * other caller is refused. Update and delete are refused (405), as by the cloud Direct Line.
   */
  const receiveFromBot = handle(async (req, res) => {
    requireConnectorSecret(req);
    const conversationId = conversationIdOf(req);
    const sent = parse(botActivityShape, await readJsonBody(req, MAX_DIRECT_LINE_ACTIVITY_BYTES), ' activity');
    const replyToId = (req.params.activityId as string | undefined) ?? sent.replyToId;
    // A status update resent after a crash carries the same dedupe key: the user sees it once.
    const dedupeKey = (sent.channelData as { dedupeKey?: unknown } | undefined)?.dedupeKey;
    if (typeof dedupeKey === 'string') {
      const seen = (await store.list(conversationId))?.activities.find(
        (a) => (a.channelData as { dedupeKey?: unknown } | undefined)?.dedupeKey === dedupeKey,
      );
      if (seen) return sendJson(res, 200, { id: seen.id });
    }
    const stored: DirectLineActivity | undefined = await store.append(
      conversationId,
      { ...sent, from: DIRECT_LINE_BOT, channelId: 'directline', conversation: { id: conversationId }, ...(replyToId !== undefined && { replyToId }) },
      clock.now(),
    );
    if (!stored) throw new DirectLineError(404, '会话不存在或已过期');
    feed.notify(conversationId);
    sendJson(res, 200, { id: stored.id });
  });
  server.post(`${PREFIX}/v3/conversations/:conversationId/activities`, receiveFromBot);
  server.post(`${PREFIX}/v3/conversations/:conversationId/activities/:activityId`, receiveFromBot);

  /** An upload's bytes, to the bot only (the connector secret), and only under the conversation it was posted to. */
  server.get(`${PREFIX}/v3/attachments/:conversationId/:attachmentId`, handle(async (req, res) => {
    requireConnectorSecret(req);
    const file = uploads.get(conversationIdOf(req), String(req.params.attachmentId ?? ''));
    if (!file) throw new DirectLineError(404, '文件不存在或已过期');
    res.sendRaw(200, file.bytes, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.bytes.length),
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'attachment',
    });
  }));

  return { close: streams.close, notify: (conversationId) => feed.notify(conversationId) };
}

/** A thumbnail Web Chat drew for a picked image (a small `data:` image), shown in the transcript in place of the file. */
function thumbnailOf(described: Record<string, unknown> | undefined): { thumbnailUrl?: string } {
  const url = described?.thumbnailUrl;
  return typeof url === 'string' && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(url) ? { thumbnailUrl: url } : {};
}
