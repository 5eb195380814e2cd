import { normalizeText } from '../../knowledge/normalize.js';
import { mailAddressSaid } from '../application/slots.js';

/** Another thing sent or brought: "材料改成快递寄", "评定能改成送上门的吗" (送上门 is the home appraisal's word). */
const NOT_THE_CERTIFICATE = /材料|复印件|报告|病历|片子|照片|评定|鉴定|送上门|身份证|户口/u;
const MAILED = /(?:改|换)(?:成|为|用)?(?:邮寄|寄|快递|送到家)|(?:能|可以|帮|给)(?:我|俺)?(?:不能)?(?:邮寄|寄|邮)(?:到家|过来|给我|给俺|回家|家里|到我家|到俺家)/u;
/**
 * The mailing asked with nothing else: "改成邮寄", "能寄过来不", "那给俺寄家里吧", "还是寄到家里吧"; only
 * words of who, wish and ability before it, only where to after it.
 */
const BARE =
  /^(?:那|就|还是|要不|干脆|麻烦|帮|给|我|俺|要|想|能不能|能|可以)*(?:改成|换成|改为|改用)?(?:邮寄|寄|快递|邮)(?:到|回|去)?(?:家里?|我家|俺家|过来|过去|给我|给俺)?(?:吧|呗|行不行|行不|可以吗|行吗|吗|不|呀|啊)?$/u;

/**
 * Asking to have the certificate mailed instead: "证能寄到家不", "改成邮寄", "那给俺寄家里吧"; the certificate or
 * picking it up named, or the mailing asked with nothing else. Never another thing sent or brought.
 */
export function asksToMail(input: string): boolean {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
  if (NOT_THE_CERTIFICATE.test(said)) return false;
  return BARE.test(said) || (/证(?!明)|领/u.test(said) && MAILED.test(said));
}

/** Fetching, of the certificate or of nothing named: "证在哪领", "在哪领 我一个人去不了", "去哪拿"; not "在哪取钱". */
const FETCH_BARE = /(?:领取|领|拿|取)(?:$|[吧呢啊呀啥我俺]|证(?!明))/u;
const WHERE_OR_CANNOT = /哪|去不了|去不成|没法去|不能去|一个人|不方便|没人陪|走不了/u;
/** Things fetched other than the certificate. */
const OTHER_FETCHED = /评定|鉴定|补贴|材料|钱|轮椅|辅具|助听器|拐杖|结果|表|快递|包裹|号/u;

/**
 * Asking where to pick up the certificate, or saying one cannot go for it: "自己去领证的话在哪领",
 * "我一个人去不了 证咋拿", "在哪领 我一个人去不了" (said by someone whose certificate is to be picked up).
 */
export function asksAboutPickup(input: string): boolean {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, ' ');
  const clauses = said.split(' ').filter(Boolean);
  const fetches = /证(?!明)|自己去/u.test(said) ? /领|拿|取/u.test(said) : clauses.some((c) => FETCH_BARE.test(c));
  return fetches && WHERE_OR_CANNOT.test(said) && !OTHER_FETCHED.test(said);
}

/** The mailing address named ("寄证的地址", "邮寄地址", "寄到"), and a change of it ("改", "不对", "搬"). */
const ADDRESS_NAMED = /地址|住址|寄到|寄的地方/u;
const ADDRESS_CHANGED = /改|换|变|不对|错|搬/u;
/** Another address or place: the 户口's, the hospital's, the window's. */
const NOT_THE_MAILING = /户口|户籍|医院|鉴定|评定|窗口|残联|政务|迁|材料/u;

/**
 * Changing where the certificate is mailed: "寄证的地址改成城关镇北关村六组八号", "邮寄地址要改一下", "地址也改一下
 * 是李庄村四组十五号", "寄到俺闺女家 城关镇北关村六组八号"; never the 户口's address or where the appraisal is.
 */
export function asksAddressChange(input: string): boolean {
  const said = normalizeText(input).replace(/[\s\p{P}]+/gu, '');
  if (NOT_THE_MAILING.test(said)) return false;
  // "证别寄那了 寄到俺闺女家 城关镇北关村六组八号": where to mail it, a whole address said, no word of change needed.
  return (ADDRESS_NAMED.test(said) && ADDRESS_CHANGED.test(said)) || (/寄/u.test(said) && mailAddressSaid(input) !== undefined);
}
