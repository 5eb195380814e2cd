import type { Clock } from '../../../data/clock.js';
import type { WechatStore } from '../../../data/wechat.js';
import { AccessTokens } from './accessToken.js';
import { WechatApi } from './api.js';
import { WechatDelivery } from './delivery.js';
import type { WechatSettings } from './settings.js';

export { WECHAT_PATH, WechatChannel, registerWechat } from './wechatChannel.js';
export { WECHAT_CHANNEL } from './activities.js';

/** The platform API and the notifier's delivery channel over it, for configured settings. */
export function wechatApiParts(settings: WechatSettings, deps: { store: WechatStore; clock: Clock }): { api: WechatApi; delivery: WechatDelivery } {
  const tokens = new AccessTokens({ apiBase: settings.apiBase, appId: settings.appId, appSecret: settings.appSecret, clock: deps.clock });
  const api = new WechatApi({ apiBase: settings.apiBase, tokens });
  return { api, delivery: new WechatDelivery({ api, store: deps.store, clock: deps.clock, template: settings.template }) };
}
