/** What the WeChat channel remembers about one follower (an official account's user, by OpenID). */
export interface WechatFollower {
  openId: string;
  /** False after an unsubscribe event, true again after a subscribe: nothing is sent while false. */
  subscribed: boolean;
  /** The follower's latest message (ISO): the customer-service API may write within 48 hours of it. */
  lastMessageAt?: string;
}

/** The platform retries a push three times within 15 s: a key is remembered long past that. */
export const WECHAT_DELIVERY_KEEP_MS = 24 * 3600_000;

/** The WeChat channel's followers and the pushes it has taken, kept across restarts. */
export interface WechatStore {
  /**
   * Records a push's key (MsgId, or FromUserName+CreateTime for events): true the first time,
   * false for a retry of one taken before. Keys older than WECHAT_DELIVERY_KEEP_MS may be forgotten.
   */
  firstDelivery(key: string, at: Date): Promise<boolean>;
  /** The follower wrote at `at` (later times only move it forward); a message also means subscribed. */
  recordMessage(openId: string, at: Date): Promise<void>;
  setSubscribed(openId: string, subscribed: boolean): Promise<void>;
  follower(openId: string): Promise<WechatFollower | undefined>;
}
