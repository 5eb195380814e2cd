import { ownValue, setOwn } from '../ownKeys.js';
import type { TakenPush, WechatFollower, WechatStore } from '../wechat.js';

export interface WechatData {
  followers: Record<string, WechatFollower>;
  /** Push key -> when it was taken (ISO). */
  deliveries: Record<string, string>;
}

/** WechatStore over one object in memory; a change resolves once `persist` (one write) has. */
export class MemoryWechatStore implements WechatStore {
  constructor(
    private readonly data: WechatData = { followers: {}, deliveries: {} },
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  /** Everything kept, as the lowdb migration copies it. */
  snapshot(): WechatData {
    return structuredClone(this.data);
  }

  async takePush({ key, openId, effect }: TakenPush, at: Date): Promise<boolean> {
    if (Object.hasOwn(this.data.deliveries, key)) return false;
    setOwn(this.data.deliveries, key, at.toISOString());
    const before = ownValue(this.data.followers, openId);
    if (effect === 'message') {
      const last = before?.lastMessageAt && Date.parse(before.lastMessageAt) > at.getTime() ? before.lastMessageAt : at.toISOString();
      setOwn(this.data.followers, openId, { openId, subscribed: true, lastMessageAt: last });
    } else if (effect === 'unsubscribe') {
      setOwn(this.data.followers, openId, { ...(before ?? { openId }), subscribed: false });
    }
    await this.persist();
    return true;
  }

  async follower(openId: string): Promise<WechatFollower | undefined> {
    const found = ownValue(this.data.followers, openId);
    return found && { ...found };
  }

  async forgetPushes(before: Date): Promise<number> {
    let forgotten = 0;
    for (const [key, taken] of Object.entries(this.data.deliveries)) {
      if (Date.parse(taken) < before.getTime()) {
        delete this.data.deliveries[key];
        forgotten++;
      }
    }
    if (forgotten) await this.persist();
    return forgotten;
  }
}
