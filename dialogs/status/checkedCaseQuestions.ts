import type { CaseRecord } from '../../data/cases.js';
import { bringTo, type Region } from '../../data/region.js';
import { sexOfIdNumber } from '../../data/idNumber.js';
import { APPRAISAL_ITEMS } from '../../data/workflow.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { text } from '../text/index.js';

const t = text.status.checkedCaseAnswers;

/** Stages before the appraisal is done. */
const BEFORE_APPRAISAL: readonly string[] = ['submitted', 'pre_review', 'returned', 'appraisal_scheduled'];
/** Stages before the certificate is issued. */
const BEFORE_ISSUE: readonly string[] = [...BEFORE_APPRAISAL, 'appraised', 'public_notice'];

/**
 * "俺得在家不", "家里要留人吗", "我上班 要请假不", "上门那天我得上班": whether someone must be in for the visit;
 * work asked of in general ("她有了残疾证还能上班吗") is not.
 */
const WHO_IS_IN = /(?:得|要|必须|需要|用)在家|在家(?:不|吗|没)|家里(?:得|要|需要)?(?:有|留)人|(?:要|得)请假|上班.*(?:上门|那天|当天)|(?:上门|那天|当天).*上班/u;
/** "能不能让医院上午来", "下午来行不": a part of the day asked for the visit, not the window's hours ("下午来办事 窗口几点关门"). */
const HOUR = /(上午|下午|早上|中午|晚上)/u;
const COMES = /来|上门|约/u;
const AT_WINDOW = /窗口|办事|关门|开门|大厅|上班时间|几点/u;
/** "要把病历准备好吗", "出院小结要不要": the records to have ready; not a record lost or printed ("病历丢了怎么办", "检查报告在哪打印"). */
const RECORDS = /病历|出院小结|检查报告|片子|ct|诊断书|诊断证明/iu;
const READY = /要|准备|带|给医生|备着|拿出来/u;
const NOT_READY = /丢|没了|找不到|打印|复印|补办|(?:在|去|到)哪(?:里|儿)?(?:打|拿|开|弄|补|复|取)/u;
/** "第二次要钱", "复评收费吗": another appraisal's fee, which depends on the case. */
const NOT_FIRST = /第二次|再次|复评|重新|换证|又要|再评/u;
/** "上门鉴定要钱不", "评定收费吗": what the appraisal costs. */
const FEE = /要钱|收钱|收费|花钱|掏钱|费用|多少钱|免费/u;
const APPRAISAL = /鉴定|评定|评残|上门|医生|检查/u;
/** "鉴定完多久出结果", "结果啥时候下来", "多久能拿到证"; not how long the certificate lasts ("证能用多久", "有效期多久"). */
const NOT_RESULT = /有效|到期|能用|用多久|管多久|换证|换新|过期/u;
const RESULT = /(?:结果|证).{0,4}(?:多久|多长时间|几天|啥时候|什么时候|哪天)|(?:多久|多长时间|几天|啥时候|什么时候).{0,4}(?:出结果|结果|拿到证|拿证|下证|发证|证下来)/u;
/** "他没有银行卡", "没卡咋办": the account the subsidies go to. */
const NO_CARD = /没(?:有)?(?:办)?(?:银行卡|社保卡|卡|存折)|(?:银行卡|社保卡|卡|存折)(?:都|也)?没/u;
const SUBSIDY_ITEMS = ['living-allowance', 'care-allowance'];
/** "是上门评定吗", "医生会来家里不": whether the doctor comes home; not asking for it ("能不能上门", "想申请上门"). */
const HOME_ASKED = /上门(?:评定|鉴定|评残)?(?:吗|不|没|嘛|呢)|是不是上门|会不会上门|(?:医生|大夫|医院|他们|人)(?:会|要)?(?:来|到|上)(?:俺|我|咱)?家(?:里)?(?:吗|不|没|嘛|呢)|(?:来不来|会不会来)(?:俺|我|咱)?家/u;
/** The home named: someone thinks the doctor comes ("上门那天我得上班", "家里要留人不"). */
const HOME_WORDS = /上门|(?:来|到|上|在)(?:俺|我|咱)?家|留人/u;
/** "约的哪天", "评定定的几号", "啥时候去医院", "俺得请假陪她去": the day of the appraisal booked. */
const DAY_ASKED = /哪天|哪一天|几号|几月几|啥时候|什么时候|啥时间|什么时间|(?:要|得)请假|陪(?:着|她|他)?去/u;
const ASKS_FOR_HOME = /能不能|能否|可以|可不可以|申请|想要?|要求|行不行|能上门|能来/u;

/**
 * The answer for the case a relative just checked, when their question is about its next step:
 * the home visit (must someone be in, at what time of day, the records to have ready, whether it
 * costs; for an appraisal at the hospital, that no one comes and where and when it is booked, by `hospitals`), how long the result takes, the subsidies with no bank card. Undefined otherwise, and for
 * a step the case is past: the knowledge base answers it as for anyone.
 */
export function checkedCaseAnswer(record: CaseRecord, input: string, hospitals: Region['hospitals'] = []): string | undefined {
  const said = normalizeText(input).replace(/\s+/gu, '');
  const ta = text.status.pronoun(sexOfIdNumber(record.applicant.idNumber));
  const appraisal = record.items.some((i) => APPRAISAL_ITEMS.includes(i.id) && i.status !== 'rejected') && BEFORE_APPRAISAL.includes(record.stage);
  const home = appraisal && record.homeAppraisal !== undefined;
  if (home && WHO_IS_IN.test(said)) return t.homeWhoIsIn(ta);
  // "医生上门那天俺得在家不" of a case appraised at the hospital: no visit, and where and when it is booked.
  if (appraisal && !home) {
    const booked = record.appointment;
    const hospital = booked && hospitals.find((x) => x.id === booked.hospitalId);
    // "约的哪天啊 俺得请假陪她去": the day booked, where and what to bring; no visit named, none is denied.
    const day = booked && hospital && !HOME_WORDS.test(said) && (DAY_ASKED.test(said) || WHO_IS_IN.test(said)) && !RESULT.test(said);
    if (day) return t.bookedDay(ta, t.bookedAt(booked.date, booked.part, ''), hospital.name, hospital.address, bringTo(hospital, record.applicant.category));
    if (WHO_IS_IN.test(said) || (HOME_ASKED.test(said) && !ASKS_FOR_HOME.test(said))) return t.notHome(ta, booked && t.bookedAt(booked.date, booked.part, hospital?.name ?? ''));
  }
  const hour = HOUR.exec(said);
  if (home && hour && COMES.test(said) && !AT_WINDOW.test(said)) return t.homeHour(ta, hour[1]);
  if (appraisal && RECORDS.test(said) && READY.test(said) && !NOT_READY.test(said)) return home ? t.homeRecords(ta) : t.records(ta);
  // The first appraisal, for a new certificate; another's fee depends on the case (see the knowledge base).
  if (appraisal && FEE.test(said) && APPRAISAL.test(said) && !NOT_FIRST.test(said) && record.items.some((i) => i.id === 'cert-new')) return t.firstFee(home);
  if (RESULT.test(said) && !NOT_RESULT.test(said) && BEFORE_ISSUE.includes(record.stage) && record.items.some((i) => APPRAISAL_ITEMS.includes(i.id))) return t.result;
  if (NO_CARD.test(said) && record.items.some((i) => SUBSIDY_ITEMS.includes(i.id) && i.status !== 'rejected')) return t.noCard(ta);
  return undefined;
}
