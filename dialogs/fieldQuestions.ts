import { asksSomething } from '../knowledge/runOn.js';
import { normalizeText } from '../knowledge/normalize.js';
import { RELATIVE_MENTION } from './kinship.js';
import { nonAnswer } from './nonAnswers.js';

/** What a question about the field being asked wants to know. */
type FieldTopic = 'what' | 'why' | 'who' | 'where' | 'when' | 'change' | 'refuse' | 'cost' | 'none';
export type FieldAnswers = Partial<Record<FieldTopic, string>>;

/** Not having the field, or having another kind ("座机"). */
// Not found, in any verb ending ("找不着", "寻不见", "没找到"); "没那个号" has none.
const NONE = /没有|没办|还没|没(?=身份证|那个|这个)|丢了|删了|[找寻]不[到着见]|没[找寻][到着见]|不在身边|不在手边|座机|固话/u;
/** Asking what a field is for: "为啥要身份证号", "你要他名字做啥", "要名字干什么用". */
const ASKS_WHY = /干(?:啥|嘛|什么)用的?|为啥|为什么|干啥|干嘛|干什么|做啥|搞啥|弄啥|做什么用|有什么用|有啥用|啥用处/u;
/** Why, or whether it must be given: "必须填吗", "安全吗"; these words alone ("一定要") may be an answer. */
const WHY = new RegExp(`${ASKS_WHY.source}|必须|一定要|非得|非要|安全|泄露`, 'u');
// "没有身份证怎么办" is 'none' before 'where'; "为啥" before "谁"; "不同意会怎样" is no 'when';
// "这是干啥的", "这是干啥用的" ask what, not why.
const FIELD_ASKED: [FieldTopic, RegExp][] = [
  ['what', /干(?:啥|嘛|什么)用|干啥的|干嘛的|干什么的|做什么的|是(?:什么|啥)意思|是什么|是啥|什么意思|啥意思/u],
  ['refuse', /不同意|不愿意|不想给|不想填/u],
  ['change', /还能改|能不能改|可以改|能改吗|改得了|能修改|能更改/u],
  ['none', NONE],
  ['why', WHY],
  // "我儿子的手机行吗", "填家里人的可以不": whose, asked by naming someone.
  ['who', new RegExp(`谁的|填谁|哪个人|我的还是|他的还是|她的还是|(?:${RELATIVE_MENTION.source})的`, 'u')],
  ['when', /多久|多长时间|多少天|几天|几个月|什么时候|啥时候|多快|多会儿|之后呢|以后呢|然后呢|后面呢|会怎样|会怎么样|接下来|下一步/u],
  ['where', /上哪儿?(?:找|看|查|要)?去?|在哪|哪里|哪儿|怎么看|咋看|怎么找|从哪|哪几|去哪|要去|得去|跑一趟|跑几趟|用跑|要跑|本人去|亲自去|到场/u],
  ['cost', /要钱|收钱|收费|花钱|费用|邮费|运费|快递费|多少钱|免费|掏钱|付钱|谁出|到付|贵/u],
];
/** Not knowing the field, said rather than asked ("案件号是啥 我不知道", "忘了"): where to find it. */
const NOT_KNOWN = /不知道|不清楚|不晓得|不记得|记不得|记不清|记不住|想不起|记不起|没记住|忘了|忘记|是啥|是什么|啥是|什么是|啥叫|什么叫/u;
const ANY_ASKED = new RegExp([...FIELD_ASKED.map(([, words]) => words.source), NOT_KNOWN.source].join('|'), 'gu');
/** The words of a question about "this" field that name nothing else: "在哪看啊" and "为啥要填这个" ask about it; "在哪儿评残啊" does not. */
const ABOUT_THIS = /[啊呀呢吗吧嘛哦么的了儿]|这个|那个|这是|这|怎么|咋|要|填|写|看|找|问|我|他|她|你们|你/gu;

/**
 * A step's own answer to a question about what it asks ("为啥要身份证号", "要填谁的电话",
 * "案件号在哪看", "提交了以后多久有结果", "寄到家里要钱不"): the question names the field
 * (`fieldWords`) or nothing else, and asks what, why, whose, where, how long, what it costs, or
 * what if there is none. "不知道" and "没有" said alone get where to find it and what to do
 * without it; said of the field ("我没有案件号", "案件号是啥 我不知道"), the same. Undefined for any other text.
 */
export function fieldAnswer(input: string, answers: FieldAnswers | undefined, fieldWords: RegExp): string | undefined {
  if (!answers) return undefined;
  const non = nonAnswer(input);
  if (non === 'unknown') return answers.where ?? answers.none ?? answers.who;
  if (non === 'none') return answers.none ?? answers.where;
  const said = normalizeText(input).replace(/\s+/g, '');
  // "我没有案件号", "案件号忘记了", "问名字干嘛" ask nothing in words a question has, yet want the same help as one.
  const lacks = NONE.test(said) || NOT_KNOWN.test(said);
  if (!asksSomething(input) && !lacks && !ASKS_WHY.test(said)) return undefined;
  if (!fieldWords.test(said) && said.replace(ANY_ASKED, '').replace(ABOUT_THIS, '')) return undefined;
  // An item's step says what it is for once: asked what or why, the same sentence.
  const answerOf = (asked: keyof FieldAnswers) => answers[asked] ?? (asked === 'why' ? answers.what : undefined);
  const topic = FIELD_ASKED.find(([asked, words]) => answerOf(asked) && words.test(said));
  if (topic) return answerOf(topic[0]);
  return NOT_KNOWN.test(said) ? (answers.where ?? answers.none) : undefined;
}
