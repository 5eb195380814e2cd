import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { CallStore } from '../../data/calls.js';
import type { Clock } from '../../data/clock.js';
import { isMobile } from '../../data/idNumber.js';
import type { SmsStore } from '../../data/sms.js';
import { e164 } from '../delivery/smsChannel.js';
import { guardRoute, HttpError, readJsonBody, sendJson, sourceAddress } from '../http.js';
import type { CredentialLockout } from '../limits/lockout.js';
import type { Logger } from '../logger.js';
import { text } from '../../dialogs/text/index.js';

const MAX_BODY = 256 * 1024;
const CREDENTIAL = 'sms-callback';
const digest = (value: string) => createHash('sha256').update(value).digest();
/** What Tencent Cloud SMS expects back from a callback: anything else makes it post again. */
const ACCEPTED = { result: 0, errmsg: 'OK' };
/** An unsubscribe as people reply it: TD, 退订, "我不想收了 别发了" (spaces and punctuation aside). */
const UNSUBSCRIBE = new RegExp(text.handoff.smsStopPhrases.join('|'), 'i');
const unsubscribes = (reply: string) => UNSUBSCRIBE.test(reply.normalize('NFKC').replace(/[\s\p{P}]/gu, ''));
/** The most of a reply kept on the call-back list. */
const REPLY_MAX = 300;

interface Receipt {
  sid?: unknown;
  mobile?: unknown;
  nationcode?: unknown;
  report_status?: unknown;
  errmsg?: unknown;
  description?: unknown;
  user_receive_time?: unknown;
}

export interface SmsCallbackDeps {
  store: SmsStore;
  /** Where a reply that is not an opt-out goes: the agents' call-back (回访) list. */
  calls: CallStore;
  /** SMS_CALLBACK_TOKEN: the `token` the callback URLs configured at the provider carry; unset, the callbacks are closed. */
  token?: string;
  lockout: CredentialLockout;
  clock: Clock;
  logger: Logger;
}

/** "2026-11-20 10:03:04" in Beijing time (the provider's format) as an ISO instant, or now. */
function receivedAt(value: unknown, clock: Clock): string {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value) : null;
  const at = m ? new Date(`${m[1]}T${m[2]}+08:00`) : clock.now();
  return Number.isNaN(at.getTime()) ? clock.now().toISOString() : at.toISOString();
}

const mainlandMobile = (mobile: unknown, nationcode: unknown) =>
  typeof mobile === 'string' && isMobile(mobile) && (nationcode === undefined || nationcode === '86') ? mobile : undefined;

/**
 * The provider's callbacks (Tencent Cloud SMS, configured in its console with
 * `?token=SMS_CALLBACK_TOKEN`): delivery receipts, recorded once per message however often they
 * are posted, and replies: "TD", "退订" or "别发了" stops every later SMS to that phone; any other
 * reply (a question, "什么时候去鉴定") is put on the agents' call-back list, so a person who
 * only texts is answered by a call.
 */
export function registerSmsCallbacks(server: Server, deps: SmsCallbackDeps): void {
  const allowed = (req: Request): void => {
    if (!deps.token) throw new HttpError(403, '短信回调未开启：请配置 SMS_CALLBACK_TOKEN');
    const source = sourceAddress(req);
    if (deps.lockout.retryAfter(CREDENTIAL, source)) throw new HttpError(429, '令牌错误次数太多，请稍后再试');
    const given = new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
    if (!timingSafeEqual(digest(given), digest(deps.token))) {
      deps.lockout.fail(CREDENTIAL, source);
      throw new HttpError(401, '需要有效的回调令牌');
    }
  };

  server.post('/api/sms/tencent/receipts', guardRoute(async (req: Request, res: Response) => {
    allowed(req);
    const body = await readJsonBody(req, MAX_BODY);
    const receipts = (Array.isArray(body) ? body : [body]) as Receipt[];
    if (!receipts.every((r) => typeof r === 'object' && r !== null && typeof r.sid === 'string' && r.sid && typeof r.report_status === 'string' && mainlandMobile(r.mobile, r.nationcode))) {
      throw new HttpError(400, '状态报告应是数组，每项有 sid、mobile（11位手机号）和 report_status');
    }
    let recorded = 0;
    for (const r of receipts) {
      const delivered = r.report_status === 'SUCCESS';
      const receipt = {
        status: delivered ? ('delivered' as const) : ('failed' as const),
        code: typeof r.errmsg === 'string' ? r.errmsg : String(r.report_status),
        ...(typeof r.description === 'string' ? { description: r.description.slice(0, 200) } : {}),
        at: receivedAt(r.user_receive_time, deps.clock),
      };
      if (await deps.store.recordReceipt(r.sid as string, e164(r.mobile as string), receipt)) recorded++;
    }
    deps.logger.info('sms_receipts', { received: receipts.length, recorded });
    sendJson(res, 200, ACCEPTED);
  }, deps.logger));

  server.post('/api/sms/tencent/replies', guardRoute(async (req: Request, res: Response) => {
    allowed(req);
    const body = (await readJsonBody(req, MAX_BODY)) as { mobile?: unknown; nationcode?: unknown; text?: unknown };
    const mobile = typeof body === 'object' && body !== null ? mainlandMobile(body.mobile, body.nationcode) : undefined;
    if (!mobile || typeof body.text !== 'string') throw new HttpError(400, '回复应有 mobile（11位手机号）和 text');
    const words = body.text.trim();
    const optOut = unsubscribes(words);
    if (optOut) await deps.store.optOut(e164(mobile), deps.clock.now());
    else if (words) {
      const question = text.handoff.smsReplyQuestion(words.slice(0, REPLY_MAX));
      await deps.calls.record({ callerPhone: mobile, category: '咨询', question, answer: text.handoff.smsReplyAnswer, followUpNeeded: true, agent: 'sms' }, deps.clock.now());
    }
    // The reply's words are the person's: never logged.
    deps.logger.info('sms_reply', { optOut, callBack: !optOut && Boolean(words) });
    sendJson(res, 200, ACCEPTED);
  }, deps.logger));
}
