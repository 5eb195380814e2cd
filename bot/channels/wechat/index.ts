import type { Clock } from '../../../data/clock.js';
import type { CaseStore } from '../../../data/cases.js';
import type { WechatStore } from '../../../data/wechat.js';
import { AccessTokens } from './accessToken.js';
import { WechatApi } from './api.js';
import { WechatDelivery } from './delivery.js';
import type { WechatSettings } from './settings.js';

export { WECHAT_PATH, WechatChannel, registerWechat } from './wechatChannel.js';

/** The platform API and the notifier's delivery over it, for configured settings. */
export function wechatApiParts(settings: WechatSettings, deps: { store: WechatStore; cases: CaseStore; clock: Clock }): { api: WechatApi; delivery: WechatDelivery } {
  const tokens = new AccessTokens({ apiBase: settings.apiBase, appId: settings.appId, appSecret: settings.appSecret, clock: deps.clock });
  const api = new WechatApi({ apiBase: settings.apiBase, tokens });
  return { api, delivery: new WechatDelivery({ api, store: deps.store, cases: deps.cases, clock: deps.clock, template: settings.template }) };
}
