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

/**
 * What a push says of its follower: they wrote (a message, a subscription, a menu click: they
 * follow, and the 48-hour customer-service window opens), they unsubscribed, or nothing.
 */
export type PushEffect = 'message' | 'unsubscribe' | 'none';

/** One push from the platform, as the store takes it. */
export interface TakenPush {
  /** MsgId, or FromUserName+CreateTime for events: the same across the platform's retries. */
  key: string;
  openId: string;
  effect: PushEffect;
}

/** The WeChat channel's followers and the pushes it has taken, kept across restarts. */
export interface WechatStore {
  /**
   * Takes a push in one write: its key, and its effect on the follower at `at` (a later message
   * only moves the window forward). True the first time; false, with nothing changed, for a
   * retry of a push taken before (by any instance).
   */
  takePush(push: TakenPush, at: Date): Promise<boolean>;
  follower(openId: string): Promise<WechatFollower | undefined>;
  /**
   * Forgets the keys of pushes taken before `before` (the daily housekeeping job, with
   * WECHAT_DELIVERY_KEEP_MS): a push is not read again on every take. Resolves to how many.
   */
  forgetPushes(before: Date): Promise<number>;
}
