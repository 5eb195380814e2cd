import { normalizeText } from '../knowledge/normalize.js';
import { asksSomething } from '../knowledge/runOn.js';
import { RELATIVE_MENTION } from './kinship.js';

/**
 * What a person says at a step when they have no answer for it: they do not know, they have
 * none, they will ask someone first, they will go on later, or they ask for a moment ("等会").
 * None is a question for the knowledge base, nor a try at the field.
 */
export type NonAnswer = 'unknown' | 'none' | 'askSomeone' | 'later' | 'wait';

const TAIL = '(?:了|啊|呀|哦|噢|呢|耶|诶|哎|嘛|吧|的)*';
const UNKNOWN = new RegExp(`^(?:我|俺)?(?:也|真|还|都)?(?:不知道|不清楚|不太清楚|不晓得|不记得|记不得|记不清|记不住|忘了|忘记|搞不清|弄不清|说不清|不确定|不懂)${TAIL}$`, 'u');
const NONE = new RegExp(`^(?:还|都|我|俺)?(?:没有|没|无|木有|没得)(?:呢)?${TAIL}$`, 'u');
/**
 * "等会再说", "先不填了", "回头再弄", "我再想想", "照片明天让孙子给拍": not now, with what is filled
 * kept; "明天" alone is a day.
 */
const LATER = /^(?:那|好|我|俺)?(?:先|等会儿?|等一会儿?|等下|等一下|回头|晚点|晚些|过会儿?|改天|明天|下次|有空)再(?:说|填|弄|办|来|讲|交|提交|拍|传|发)?(?:吧|了|啊)*$|先不(?:填|弄|办|说|写|交|提交|拍|传)了?|(?:等会儿?|回头|晚点|过会儿?|改天|明天|后天|过两天|下次|有空)再(?:说|填|弄|办|来|讲|交|提交|拍|传|发)|(?:等会儿?|回头|晚点|过会儿?|改天|明天|后天|过两天|下次|有空)(?:再)?(?:让|叫|找|请)\p{Script=Han}{1,4}?(?:拍|照|传|发|弄)|再想想|想一想|考虑一下|考虑考虑/u;
/** "等会", "稍等一下": a moment, said alone; the step waits (with 再说, 再填 it is "later"). */
const WAIT = new RegExp(`^(?:你|您)?(?:先)?(?:等会儿?|等一会儿?|等下|等一下|等一等|等等|稍等|稍等一下|等我一下)${TAIL}$`, 'u');
/** "问问我儿子", "我得问一下家里人", "等我闺女回来": someone else knows the answer. */
const ASK_PREFIX = /问(?:问|一下|一问|下)?/u;
/** Who else may know, besides kin: "问问别人", "问一下医生". */
const OTHERS = /^(?:我|俺)?(?:的)?(?:家里|别人|他|她|医生|大夫|村里|社区|居委|村委)/u;
const WAIT_FOR = /等(.{1,6})(?:回来|下班|来了|在的时候)/u;

/** "我儿子", "一下家里人吧", "俺家那口子": someone to ask and nothing more ("他那个补贴" is a question about him). */
function onlySomeone(whom: string): boolean {
  const named = RELATIVE_MENTION.exec(whom) ?? OTHERS.exec(whom);
  return named !== null && /^(?:我|俺|咱)?(?:家)?(?:的)?$/u.test(whom.slice(0, named.index)) && /^(?:吧|了|看看?|一下|再说|去)*$/u.test(whom.slice(named.index + named[0].length));
}

/** Whether a message only says the person has no answer now, and which kind of no answer. */
export function nonAnswer(input: string): NonAnswer | undefined {
  const said = normalizeText(input).replace(/\s+/g, '');
  if (!said || [...said].length > 16) return undefined;
  const unknown = UNKNOWN.test(said) ? 'unknown' : NONE.test(said) ? 'none' : undefined;
  if (unknown) return unknown;
  if (WAIT.test(said)) return 'wait';
  // "请问我女儿的证在哪领", "明天再来能办吗": a question that mentions someone or later is still a question.
  if (asksSomething(said)) return undefined;
  const asked = ASK_PREFIX.exec(said);
  const whom = asked ? said.slice(asked.index + asked[0].length) : '';
  if (asked && onlySomeone(whom)) return 'askSomeone';
  const waited = WAIT_FOR.exec(said);
  if (waited && (RELATIVE_MENTION.test(waited[1]) || OTHERS.test(waited[1]))) return 'askSomeone';
  return LATER.test(said) ? 'later' : undefined;
}

/** A clause that only says to leave something as it is: "算了不改了", "保持原来的", "不动了", "还是原来那个". */
const KEEP_AS_IS = /^(?:那|那就|哎呀?|唉|嗯|算了|我|俺|还是)*(?:不改了?|不用改了?|别改了?|不换了?|不用换了?|别换了?|不动了?|别动了?|不变了?|保持原来的?|保持原样|保持不变|还是原来的?|就原来的?|照旧|维持原样)(?:那个|那天|那样|的|吧|了|啊|呀|哈)*$/u;
/** Words that give a new value, which a keeping never does ("地址改成…，别的不改了"). */
const NEW_VALUE_WORDS = /改成|改到|换成|换到|改为|应该是/u;

/**
 * Whether a message says to leave what is there unchanged ("算了不改了", "保持原来的 不动了", "名字错了…没错 算了不改了"):
 * a clause says only that, and none gives a new value.
 */
export function keepsAsIs(input: string): boolean {
  const clauses = normalizeText(input).split(/[\s\p{P}]+/u).filter(Boolean);
  return clauses.some((c) => KEEP_AS_IS.test(c)) && !clauses.some((c) => NEW_VALUE_WORDS.test(c)) && !asksSomething(input);
}
