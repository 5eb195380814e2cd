import { asksSomething } from '../knowledge/runOn.js';
import { normalizeText } from '../knowledge/normalize.js';

/** Calls that cannot be taken or are not wanted: "接不了电话", "别给我打电话", "电话我听不见". */
const NO_CALLS =
  /接不了电话|接不到电话|(?:不能|没法|没办法|无法)接电话|听不了电话|(?:别|不要|不用|甭|莫)(?:给|跟|和)?(?:我|俺|他|她|咱|我们)?(?:打|来)电话|电话(?:我|俺|他|她)?(?:听不见|听不到|听不清|接不了|没法接)/u;
/** Not hearing: "我听不见", "我是聋子", "耳朵聋了" (alone, a description of the disability). */
const DEAF = /听不见|听不到|听不清|聋|耳背/u;
/** Wanting text instead: "发短信", "在这里打字", "文字联系", "发消息". */
const BY_TEXT = /短信|打字|文字|发消息|发信息|留言/u;
/** Text as the only way: "只能发短信", "只能打字". */
const ONLY_TEXT = /只能(?:发|用|看|收)?(?:短信|打字|文字|信息|消息)/u;

/**
 * Whether a message asks to be reached by SMS or in writing only, never by a call ("我听不见接不了电话
 * 只能发短信", "评定的时候医院别给我打电话 我听不见 发短信", "我是聋子 接不了电话"). Deafness said alone
 * ("俺爹耳朵聋") is the disability described, not a way of contact; a question ("聋人能发短信吗") asks.
 */
export function textOnlySaid(input: string): boolean {
  const said = normalizeText(input).replace(/\s+/gu, ' ');
  if (asksSomething(said)) return false;
  return ONLY_TEXT.test(said) || (NO_CALLS.test(said) && (DEAF.test(said) || BY_TEXT.test(said))) || (DEAF.test(said) && BY_TEXT.test(said));
}

/** A call to the speaker: "打电话给我", "给俺打电话", "打过来", "来电话", "电话通知我", "会打电话吗". */
const CALL_TO_ME = /(?:打|来)(?:个)?电话(?:给|找|通知)(?:我|俺)|(?:给|跟|找)(?:我|俺)(?:打|来)(?:个)?电话|打给(?:我|俺)|打过来|来电话|电话(?:通知|联系)|(?:会|要)(?:不会|不要)?打电话(?:吗|不|没|嘛|呢)/u;
/** Who would call: the hospital for the appraisal; anyone else is this service (工作人员, 残联, 你们). */
const HOSPITAL = /医院|医生|大夫|评定|鉴定/u;

/**
 * Whether a message asks if someone will phone the speaker ("你们会打电话给我吗", "医院会打电话给俺吗 俺听不见",
 * "评定的时候会打电话不"), and who: the hospital, or this service.
 */
export function asksIfPhoned(input: string): 'hospital' | 'us' | undefined {
  const said = normalizeText(input).replace(/\s+/gu, '');
  if (!CALL_TO_ME.test(said) || !asksSomething(said)) return undefined;
  return HOSPITAL.test(said) ? 'hospital' : 'us';
}

/** Another way of contact than a phone: "可以只留微信吗", "留个QQ行不". */
const OTHER_CONTACT = /微信|qq|邮箱/iu;
const INSTEAD = /只|留|联系|代替|行不|可以|能不能|吗/u;

/** Whether a message asks to leave another contact (WeChat) instead of a phone ("我没法接电话，可以只留微信吗"). */
export const asksOtherContact = (input: string): boolean => {
  const said = normalizeText(input).replace(/\s+/gu, '');
  return OTHER_CONTACT.test(said) && INSTEAD.test(said);
};
