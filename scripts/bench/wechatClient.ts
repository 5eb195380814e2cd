import { randomBytes } from 'node:crypto';
import { aesKeyOf, decryptMessage, encryptMessage, wechatSignature } from '../../bot/channels/wechat/crypto.js';
import { buildXml, parseXmlFields } from '../../bot/channels/wechat/xml.js';

export interface WechatAccount {
  token: string;
  appId: string;
  /** The 43-character EncodingAESKey. */
  aesKey: string;
  /** The account's original id (gh_…), the pushes' ToUserName. */
  accountId: string;
}

export interface PushOptions {
  /** Safe mode: the body encrypted, msg_signature added. */
  safe?: boolean;
  /** Seconds since the epoch the push is signed at (default now). */
  timestamp?: number;
  nonce?: string;
}

export interface PushAnswer {
  status: number;
  /** The raw answer ("success", the reply XML, an error's JSON). */
  body: string;
  /** The passive reply's text, decrypted in safe mode; undefined for "success". */
  reply?: string;
}

/** The query string the platform signs a push with. */
export function signedQuery(account: WechatAccount, timestamp: number, nonce: string, encrypted?: string): URLSearchParams {
  const query = new URLSearchParams({ signature: wechatSignature(account.token, String(timestamp), nonce), timestamp: String(timestamp), nonce, openid: 'x' });
  if (encrypted !== undefined) {
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', wechatSignature(account.token, String(timestamp), nonce, encrypted));
  }
  return query;
}

/**
 * Posts one push to `/api/wechat` as the platform does (signed; encrypted in safe mode) and
 * reads the passive reply out of the answer.
 */
export async function pushToBot(base: string, account: WechatAccount, fields: Record<string, string | number>, options: PushOptions = {}): Promise<PushAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const plain = buildXml({ ToUserName: account.accountId, ...fields });
  const key = aesKeyOf(account.aesKey);
  const encrypted = options.safe ? encryptMessage(key, account.appId, plain) : undefined;
  const body = encrypted === undefined ? plain : buildXml({ ToUserName: account.accountId, Encrypt: encrypted });
  const res = await fetch(`${base}/api/wechat?${signedQuery(account, timestamp, nonce, encrypted)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  const text = await res.text();
  if (res.status !== 200 || text === 'success') return { status: res.status, body: text };
  let reply = parseXmlFields(text);
  if (options.safe) {
    if (reply.MsgSignature !== wechatSignature(account.token, reply.TimeStamp, reply.Nonce, reply.Encrypt)) throw new Error('the reply\'s MsgSignature is wrong');
    reply = parseXmlFields(decryptMessage(key, reply.Encrypt).message);
  }
  return { status: res.status, body: text, reply: reply.Content };
}

let msgIds = 6_000_000_000_000_000_000n;

/** A text push from a follower, with a fresh 64-bit MsgId. */
export const textPush = (openId: string, content: string, createTime = Math.floor(Date.now() / 1000)) => ({
  FromUserName: openId,
  CreateTime: createTime,
  MsgType: 'text',
  Content: content,
  MsgId: String(++msgIds),
});
