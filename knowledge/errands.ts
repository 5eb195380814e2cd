import type { Entry } from './loader.js';
import { normalizeText } from './normalize.js';
import type { Decision } from './ranking.js';

/** The decline entry that says what the bot can and cannot do for someone. */
export const CANNOT_DO_ENTRY_ID = 'decl-cannot-do';

// Someone asking the bot to do something for them: "帮我…", "给我…", "麻烦你替我…".
const ASKS_FOR = /^(请|麻烦)?(你|您)?(帮|替|给)(我|俺|咱)/u;

// Errands only a person can run: phoning someone (not "打电话能办吗", how to apply by phone), moving money, booking a doctor, lending, looking
// up someone's personal data. The words are what people say, not what the entries hold, so an
// answer that shares them ("补贴打到银行卡", "身份证号18位") is no reply to the errand.
const ERRANDS = /(给|跟|替|打给).{0,8}打(个|一个|一通)?电话|打(个|一个|一通)?电话给|转(账|钱|[0-9一二两三四五六七八九十百千万几]+块)|把.{0,8}钱.{0,4}转|挂(个|一个)?.{0,8}号|借.{0,4}钱|查.{0,6}(身份证号|余额|话费|成绩)/u;

// The bot's own services, which a request may name ("帮我查一下进度", "帮我预约评定", "帮我转人工"):
// those go to the flows and the answers, never to this decline.
const OWN_SERVICES = /人工|进度|申请|预约|鉴定|评定|评残|残疾证|残疾人证/u;

/** Whether a message asks the bot to run an errand it cannot ("帮我给残联打个电话说一声"). */
export function asksAnErrand(text: string): boolean {
  const t = normalizeText(text);
  return ASKS_FOR.test(t) && ERRANDS.test(t) && !OWN_SERVICES.test(t);
}

/**
 * Declines a request to phone someone, move money, book a doctor or look up someone's data with
 * the entry that says what the bot can do and whom to call: whatever answer shares the request's
 * words is about something else.
 */
export class ErrandGate {
  private readonly entry: Entry | undefined;

  constructor(entries: Entry[]) {
    this.entry = entries.find((e) => e.id === CANNOT_DO_ENTRY_ID);
  }

  review(question: string, decision: Decision): Decision {
    if (!this.entry || decision.kind === 'decline' || !asksAnErrand(question)) return decision;
    return { kind: 'decline', top: { entry: this.entry, score: 1 }, ranked: decision.ranked };
  }
}
