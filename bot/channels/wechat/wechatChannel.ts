import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../../../data/clock.js';
import type { PushEffect, WechatStore } from '../../../data/wechat.js';
import type { Catalogue } from '../../../dialogs/text/index.js';
import { HttpError, guardRoute, readRawBody, sendError } from '../../http.js';
import type { FloodGuard } from '../../limits/floodGuard.js';
import type { Logger } from '../../logger.js';
import { heardFrom, pushKey, type PushFields } from './activities.js';
import type { WechatApi } from './api.js';
import { DecryptError, decryptMessage, encryptMessage, signatureMatches, wechatSignature } from './crypto.js';
import { wechatTexts } from './render.js';
import type { WechatConfig, WechatSettings } from './settings.js';
import { XmlError, buildXml, parseXmlFields } from './xml.js';

export const WECHAT_PATH = '/api/wechat';
/** The platform's pushes are small; anything larger is not one. */
const MAX_PUSH_BYTES = 64 * 1024;
/** A push signed longer ago (or further ahead) than this is refused: a replayed request. */
const MAX_SKEW_SECONDS = 300;
/** The platform waits 5 s for an answer; the turn gets this long, leaving time for the answer to travel. */
export const REPLY_BUDGET_MS = 4000;
/** The platform's retries come within 15 s: a retry this soon after the first gets the first's answer. */
const RETRY_WINDOW_MS = 30_000;

export interface WechatChannelDeps {
  settings: WechatSettings;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: WechatStore;
  api: WechatApi;
  clock: Clock;
  logger: Logger;
  texts: Catalogue['wechat'];
  /** This server's `/api/wechat` (known after listen): the serviceUrl WeChat activities carry. */
  serviceUrl(): string;
  /** How long a turn may take and still be answered passively (REPLY_BUDGET_MS). */
  replyBudgetMs?: number;
  /** The flood limits (unset with RATE_LIMIT=off): each follower's messages within RATE_LIMIT_WECHAT. */
  flood?: Pick<FloodGuard, 'admitFollower'>;
}

/** What one push is answered with: a passive text reply, or "success" (nothing, or sent later). */
interface Answer {
  reply?: string;
  /** The turn's further messages, sent through the customer-service API once the answer is out. */
  followUps: string[];
}

/**
 * The official account's message push as a Bot Framework channel: each verified push becomes an
 * activity for the same adapter, middleware, bot and state as /api/messages; the bot's replies go
 * back passively when the turn ends within the reply budget (the first; the rest through the
 * customer-service API, in order), otherwise all through the customer-service API.
 */
export class WechatChannel {
  /** Pushes being answered, by key: a platform retry shares the first's answer. */
  private readonly answering = new Map<string, Promise<Answer>>();
  /** Customer-service sends per follower, in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Turns that outran the reply budget, their messages still to be queued. */
  private readonly lateTurns = new Set<Promise<void>>();

  constructor(private readonly deps: WechatChannelDeps) {}

  /** GET: the server-configuration handshake, `echostr` back when the signature is the token's. */
  verifyUrl(query: URLSearchParams): string {
    this.checkSignature(query);
    const echo = query.get('echostr');
    if (!echo) throw new HttpError(400, '缺少 echostr');
    return echo;
  }

  /**
   * POST: one push, verified, decrypted in safe mode, answered (the XML reply, or "success").
   * `arrivedAt` (performance.now() when the request came in) starts the reply budget.
   */
  async receive(query: URLSearchParams, body: string, arrivedAt = performance.now()): Promise<string> {
    const { token, aesKey, appId } = this.deps.settings;
    this.checkSignature(query);
    const outer = parseXmlFields(body);
    const safe = query.get('encrypt_type') === 'aes';
    let push: PushFields = outer;
    if (safe) {
      const encrypted = outer.Encrypt;
      if (!encrypted) throw new HttpError(400, '安全模式的消息缺少 Encrypt');
      if (!signatureMatches(query.get('msg_signature') ?? undefined, wechatSignature(token, query.get('timestamp')!, query.get('nonce')!, encrypted))) {
        throw new HttpError(401, 'msg_signature 不对');
      }
      const opened = decryptMessage(aesKey, encrypted);
      if (opened.appId !== appId) throw new HttpError(401, '消息不是发给这个公众号的');
      push = parseXmlFields(opened.message);
    }
    if (!push.FromUserName || !push.ToUserName || !push.MsgType) throw new HttpError(400, '消息缺少 FromUserName、ToUserName 或 MsgType');
    const { answer, first } = this.answerOnce(push, arrivedAt);
    const { reply, followUps } = await answer;
    // The first delivery's further messages go after its answer; a retry's answer repeats the reply only.
    if (first && followUps.length) setImmediate(() => this.sendInOrder(push.FromUserName, followUps));
    if (reply === undefined) return 'success';
    const xml = buildXml({ ToUserName: push.FromUserName, FromUserName: push.ToUserName, CreateTime: Math.floor(this.deps.clock.now().getTime() / 1000), MsgType: 'text', Content: reply });
    if (!safe) return xml;
    const timestamp = query.get('timestamp')!;
    const nonce = query.get('nonce')!;
    const encrypted = encryptMessage(aesKey, appId, xml);
    return buildXml({ Encrypt: encrypted, MsgSignature: wechatSignature(token, timestamp, nonce, encrypted), TimeStamp: Number(timestamp), Nonce: nonce });
  }

  /** `signature` is sha1(token, timestamp, nonce) and the timestamp is recent; else 401/403, before the body is read. */
  checkSignature(query: URLSearchParams): void {
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    if (!signatureMatches(query.get('signature') ?? undefined, wechatSignature(this.deps.settings.token, timestamp, nonce))) throw new HttpError(401, 'signature 不对');
    const skew = Math.abs(this.deps.clock.now().getTime() / 1000 - Number(timestamp));
    if (!/^\d{1,12}$/.test(timestamp) || !(skew <= MAX_SKEW_SECONDS)) throw new HttpError(403, 'timestamp 过期或无效');
  }

  private answerOnce(push: PushFields, arrivedAt: number): { answer: Promise<Answer>; first: boolean } {
    const key = pushKey(push);
    const running = this.answering.get(key);
    if (running) return { answer: running, first: false };
    const answer = this.answer(push, key, arrivedAt);
    this.answering.set(key, answer);
    const forget = () => setTimeout(() => this.answering.delete(key), RETRY_WINDOW_MS).unref();
    answer.then(forget, forget);
    return { answer, first: true };
  }

  private async answer(push: PushFields, key: string, arrivedAt: number): Promise<Answer> {
    const { store, clock, texts } = this.deps;
    const none: Answer = { followUps: [] };
    const openId = push.FromUserName;
    const event = push.MsgType === 'event' ? push.Event?.toLowerCase() : undefined;
    // A message, a subscription or a menu click opens the 48-hour customer-service window.
    const effect: PushEffect = event === 'unsubscribe' ? 'unsubscribe' : !event || event === 'subscribe' || event === 'click' ? 'message' : 'none';
    // Taken before this process's memory began (a restart between the platform's retries).
    if (!(await store.takePush({ key, openId, effect }, clock.now()))) return none;
    // A flood of messages from one follower: told once to slow down, the rest not run for a while.
    if (!event && this.deps.flood) {
      const verdict = await this.deps.flood.admitFollower(openId);
      if (!verdict.ok) {
        this.deps.logger.info('wechat_flood', { conversation: openId, first: verdict.firstRefusal, retryAfter: verdict.retryAfterSeconds });
        return verdict.firstRefusal ? { reply: texts.slowDown, followUps: [] } : none;
      }
    }
    const heard = heardFrom(push, { serviceUrl: this.deps.serviceUrl(), mediaUrl: (id) => this.deps.api.mediaUrl(id) });
    if (heard.kind === 'ignore') return none;
    if (heard.kind === 'say') return { reply: texts[heard.say], followUps: [] };
    const turn = this.runTurn(heard.activity);
    // Nobody can read a reply to an unsubscribe: the bot hears it, nothing is sent.
    if (event === 'unsubscribe') return turn.then(() => none);
    const late = Symbol('late');
    let timer: NodeJS.Timeout | undefined;
    // The budget counts from the request's arrival: reading, decrypting and storing took some of it.
    const left = (this.deps.replyBudgetMs ?? REPLY_BUDGET_MS) - (performance.now() - arrivedAt);
    const inTime = await Promise.race([turn, new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), Math.max(0, left))))]);
    clearTimeout(timer);
    if (inTime === late) {
      const queued = turn.then((all) => this.sendInOrder(openId, all));
      this.lateTurns.add(queued);
      void queued.finally(() => this.lateTurns.delete(queued));
      return none;
    }
    const [reply, ...followUps] = inTime;
    return { reply, followUps };
  }

  /** Runs the bot on the activity as /api/messages would, its replies collected (expectReplies) and rendered as WeChat texts. */
  private async runTurn(activity: Partial<Activity>): Promise<string[]> {
    let replies: Partial<Activity>[] = [];
    try {
      await this.deps.adapter.processActivityDirect('', { ...activity, deliveryMode: 'expectReplies' } as Activity, async (context) => {
        // The buffer itself, so an apology sent by onTurnError after a failure is kept too.
        replies = context.bufferedReplyActivities;
        await this.deps.bot.run(context);
      });
    } catch (err) {
      this.deps.logger.error('wechat_turn_failed', { conversation: activity.conversation?.id, message: err instanceof Error ? err.message : String(err) });
    }
    return wechatTexts(replies);
  }

  /** Sends texts to a follower through the customer-service API after what was queued for them before. */
  private sendInOrder(openId: string, texts: string[]): Promise<void> {
    const next = (this.chains.get(openId) ?? Promise.resolve()).then(async () => {
      for (const text of texts) {
        try {
          await this.deps.api.sendText(openId, text);
        } catch (err) {
          // The rest would arrive without what came before it.
          this.deps.logger.error('wechat_send_failed', { conversation: openId, message: err instanceof Error ? err.message : String(err) });
          return;
        }
      }
    });
    this.chains.set(openId, next);
    void next.finally(() => {
      if (this.chains.get(openId) === next) this.chains.delete(openId);
    });
    return next;
  }

  /** Resolves once every customer-service send queued so far has been made (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.answering.values()].map((a) => a.catch(() => undefined)));
    await Promise.all([...this.lateTurns]);
    await Promise.all([...this.chains.values()]);
  }
}

const queryOf = (req: Request) => new URL(req.url ?? '/', 'http://wechat.invalid').searchParams;

function sendText(res: Response, body: string, type: string): void {
  res.sendRaw(200, body, { 'Content-Type': `${type}; charset=utf-8` });
}

/**
 * GET and POST /api/wechat. Off (no WECHAT_* settings, or a bot with MicrosoftAppId, whose
 * adapter takes no unsigned turn): both answer 404 naming what is missing.
 */
export function registerWechat(server: Server, config: WechatConfig, channel: WechatChannel | undefined, logger: Logger): void {
  if (!channel) {
    const why = config.on ? '微信公众号通道只能用于匿名模式的机器人（未设置 MicrosoftAppId）' : `微信公众号通道未开启：需要设置 ${config.missing.join('、')}`;
    const off = guardRoute(async (_req, res) => sendError(res, 404, why), logger);
    server.get(WECHAT_PATH, off);
    server.post(WECHAT_PATH, off);
    return;
  }
  server.get(WECHAT_PATH, guardRoute(async (req, res) => sendText(res, channel.verifyUrl(queryOf(req)), 'text/plain'), logger));
  server.post(
    WECHAT_PATH,
    guardRoute(async (req, res) => {
      const arrivedAt = performance.now();
      const query = queryOf(req);
      channel.checkSignature(query);
      let answer: string;
      try {
        answer = await channel.receive(query, (await readRawBody(req, MAX_PUSH_BYTES)).toString('utf8'), arrivedAt);
      } catch (err) {
        if (err instanceof XmlError || err instanceof DecryptError) throw new HttpError(400, err.message);
        throw err;
      }
      sendText(res, answer, answer === 'success' ? 'text/plain' : 'application/xml');
    }, logger),
  );
}
