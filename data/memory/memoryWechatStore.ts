import { ownValue, setOwn } from '../ownKeys.js';
import { WECHAT_DELIVERY_KEEP_MS, type WechatFollower, type WechatStore } from '../wechat.js';

export interface WechatData {
  followers: Record<string, WechatFollower>;
  /** Push key -> when it was taken (ISO). */
  deliveries: Record<string, string>;
}

/** WechatStore over one object in memory; a change resolves once `persist` has. */
export class MemoryWechatStore implements WechatStore {
  constructor(
    private readonly data: WechatData = { followers: {}, deliveries: {} },
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  /** Everything kept, as the lowdb migration copies it. */
  snapshot(): WechatData {
    return structuredClone(this.data);
  }

  async firstDelivery(key: string, at: Date): Promise<boolean> {
    if (Object.hasOwn(this.data.deliveries, key)) return false;
    const oldest = at.getTime() - WECHAT_DELIVERY_KEEP_MS;
    for (const [k, taken] of Object.entries(this.data.deliveries)) if (Date.parse(taken) < oldest) delete this.data.deliveries[k];
    setOwn(this.data.deliveries, key, at.toISOString());
    await this.persist();
    return true;
  }

  async recordMessage(openId: string, at: Date): Promise<void> {
    const before = ownValue(this.data.followers, openId);
    const last = before?.lastMessageAt && Date.parse(before.lastMessageAt) > at.getTime() ? before.lastMessageAt : at.toISOString();
    setOwn(this.data.followers, openId, { openId, subscribed: true, lastMessageAt: last });
    await this.persist();
  }

  async setSubscribed(openId: string, subscribed: boolean): Promise<void> {
    setOwn(this.data.followers, openId, { ...(ownValue(this.data.followers, openId) ?? { openId }), subscribed });
    await this.persist();
  }

  async follower(openId: string): Promise<WechatFollower | undefined> {
    const found = ownValue(this.data.followers, openId);
    return found && { ...found };
  }
}
