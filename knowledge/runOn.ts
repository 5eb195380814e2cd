import { normalizeText } from './normalize.js';
import { asksWhereAppraised, conditionWords, extractSlots, intentOf, SLOT_WORDS, wordsOf, type SlotName, type Slots } from './questionFacets.js';

// Words that make a clause a question of its own (where, who, how long, how much, which, can I, a note's 有何, 询问, 追问...;
// not the 几 of "十几年", "好几天", nor the 啥 of "啥也听不见", "什么都看不见": nothing at all; an age, "要等多大才能评", not
// the size of "照片要几张 多大的", which the answer on the photos says), any "A不A" ("会不会很久", "办不办得了";
// not "不对不对", "不是不是": a no said twice), and the spoken yes/no endings: "那俺娘要去医院不", "能办没",
// also where voice typing runs on into the next clause with its subject ("她本人要来不她走不了路"), and wanting to know about
// getting something ("想问问办残疾证": a question without a question word; not the filler of "我想问一下就是…").
const QUESTION = /怎么|怎样|咋|如何|有何|何时|何处|为何|询问|追问|什么(?![也都])|啥(?![也都])|哪|谁|多少|多久|多长|多大(?=才|就|能|可以|岁|年纪)|(?<![十好这前那])几(?![十百千万])|能不能|能否|可不可以|可以吗|行不行|(?<!不)是不是|有没有|要不要|需不需要|(?<!不)(\p{Script=Han})不\1|吗|呢|[?？]|\p{Script=Han}{2}(么|不|没|没有)(?=$|[\s，,。；;])|\p{Script=Han}{2}不(?=[我你他她俺咱])|想(?:问问|问一下|了解一下|咨询一下)(?=办|申请|评|领)/u;

// "我不知道你在说什么" says what one does not know; with a question ending it asks again, and so does not
// knowing where or how to do something ("去哪个医院鉴定俺不知道", "不知道咋弄"), unless of what was said.
const NOT_KNOWING = /不知道|不清楚|不明白|不懂|没听懂|没看懂/u;
const KNOWS_NOT_HOW = /哪|怎么|咋|如何|带(?:啥|什么)/u;
const OF_THE_TALK = /你|意思|说的|说(?:啥|什么)/u;
const ASKING_END = /[吗呢?？]$/u;

/** Whether a text asks something, by its words or its ending (not by what the knowledge base makes of it). */
export function asksSomething(text: string): boolean {
  const folded = normalizeText(text).replace(/[\s。.！!，,啊呀哈]+$/u, '');
  return QUESTION.test(folded) && (!NOT_KNOWING.test(folded) || ASKING_END.test(folded) || (KNOWS_NOT_HOW.test(folded) && !OF_THE_TALK.test(folded)));
}

// Voice-typed messages often have no punctuation: a question particle followed by more words
// also ends a clause ("能办残疾证吗要带什么材料").
const PARTICLE_BREAK = /([吗呢])(?=\p{Script=Han}{2})/gu;

// Where a voice-typed clause may start its next question: a verb of need or a question word
// ("能不能办那个残疾证要去哪办要花钱不"), with the 大概 before it; not inside 需要, 还能, 不要, 可能...
// An item or a service named after another ("…怎么办理护理补贴谁能领", "…有效期几年到期了咋换") starts one too.
const OPENER = new RegExp(
  `(?:大概|大约|一般)?(?<![需还不也就都只想可])(?:要|能不能|可不可以|能|可以|去哪|在哪|多少|多久|啥时候|什么时候)|(${namesOf(['item', 'service']).join('|')})`,
  'gu',
);

// A question of its own names what is to be done: "孩子几岁" before "能办残疾证吗" only sets the scene.
const ERRAND = /办|弄|申请|领|带|去|交|拿|补|换|评|鉴定|寄|送|用|花/u;

// A piece ending on its question word asks nothing yet: "护理补贴谁" + "能领", "残疾证怎么" + "注销", "哪些人" + "能办";
// nor does an age asked before what it allows ("多少岁" + "能领补贴吗").
const OPEN_END = /(?:怎么|怎样|咋|如何|谁|(?:哪些|哪种|哪类|什么|啥)人|多少岁|几岁|多大)$/u;

// "能办残疾证不要带什么材料": the 不 ends a yes/no question before 要 asks the next one; so it does
// before what comes once it is done ("能办个残疾证不办了以后能领多少钱", "能办个证不办下来一个月给多少": not "不办了").
const NOT_BREAK = /((?:能|可以)\p{Script=Han}{1,8}不)(?=要|去哪|在哪|多少|多久|怎么|咋|(?:办|弄|批)(?:下来|好|完)|(?:办|弄|批)了?(?:以后|之后))/gu;

// A note's "问能否申请残疾证及有何补贴": 及, 以及, 另外 before a question word join a second question.
const AND_ASKS = /(?:以及|及|另外)(?=有何|有什么|有啥|有哪些|能否|是否|能不能|可不可以|怎么|咋|多少|多久|哪)/gu;

// A piece of nothing but question words and errand verbs ("要去哪办", "怎么申请", "需要啥材料") is
// about the item named in the clause before it, even across punctuation.
const BARE = /^(?:要|得|需要|能|可以|去|到|在|上|哪里|哪儿|哪|怎么|咋|如何|多久|多长时间|啥|什么|材料|东西|带|交|办理|办|申请|弄|吗|呢|不|没|啊|还|大概|一般)+$/u;

// How to find out, and nothing else ("咋查", "在哪看", "怎么知道"): asked of the clause before it.
export const HOW_TO_FIND = /^(?:那|那我)?(?:咋|怎么|怎样|如何|去哪|在哪|哪里|上哪)(?:儿)?(?:查|看|知道|查询)(?:呢|啊|呀)?$/u;

const SUBSIDY = /补贴|补助|津贴/u;
// A subsidy or another item said last before a verb may be what the next question is about.
const SUBJECT_END = new RegExp(`(?:${namesOf(['item']).join('|')}|${SUBSIDY.source})$`, 'u');
// A question word right before that item asks of it: "有啥补贴" + "能领", "哪些补助" + "能申请".
const ASKS_OF_NEXT = /(?:啥|什么|哪些|哪个|哪种|哪几种|哪几样|几种|几样)$/u;

/** The words of some slots of more than one character, as alternatives of a pattern ("护理补贴", "丢了"). */
function namesOf(names: SlotName[]): string[] {
  return names.flatMap((name) => SLOT_WORDS[name].flatMap(([, words]) => words.source.split('|'))).filter((w) => /^\p{Script=Han}{2,}$/u.test(w));
}

// "能算残疾不能的话护理补贴有没有": the 不 ends a yes/no question, and what follows "能的话", "要是能的话"
// asks the next one, on the yes (the condition itself asks nothing: "护理补贴有没有").
const IF_SO = /((?:能|可以|行)\p{Script=Han}{1,8}不)(?:能|可以|行)的话|(?<=[\p{Script=Han}\s])(?:如果|要是|假如)(?:能|可以|行)的话/gu;

/** A message's clauses: cut at punctuation and spaces, after a question particle, and where a run-on starts its next question. */
function clausesOf(text: string): string[] {
  const clauses = text
    .replace(PARTICLE_BREAK, '$1，')
    .replace(IF_SO, '$1，')
    .replace(NOT_BREAK, '$1，')
    .replace(AND_ASKS, '，')
    .split(/[，,。.？?！!；;…\n]+|\s{1,}/u)
    .map((c) => c.trim())
    .filter((c) => normalizeText(c));
  return withItems(clauses.map((c) => runOnPieces(c)));
}

/**
 * The one clause that asks, in a message that also says other things ("鉴定上礼拜做完了 然后就一直等
 * 到底还要等多久才能拿到证"); undefined when no clause or more than one asks, or nothing else is said.
 */
export function soleQuestion(text: string): string | undefined {
  const clauses = clausesOf(text);
  const asking = clauses.filter((c) => QUESTION.test(c));
  return asking.length === 1 && clauses.length > 1 ? asking[0] : undefined;
}

/**
 * A message without the clauses that ask nothing and name what `names` finds, when another clause
 * asks: "她自己有身份证" beside "办证谁来申请", "还有高龄补贴" beside "能同时领护理补贴吗" set the scene
 * of the question. Undefined when no such clause goes, or no question is left.
 */
export function withoutSaid(text: string, names: (clause: string) => boolean): string | undefined {
  const clauses = clausesOf(text);
  const kept = clauses.filter((c) => QUESTION.test(c) || !names(c));
  return kept.length < clauses.length && kept.some((c) => QUESTION.test(c)) ? kept.join('，') : undefined;
}

/**
 * A clause cut where a new question starts: before an opener, when what came before it asks
 * something and what follows asks something too. "残疾证要带什么材料" stays whole (残疾证 asks
 * nothing), "能不能办残疾证要去哪办" is two.
 */
function runOnPieces(clause: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const { index: opener, 1: subject } of clause.matchAll(OPENER)) {
    // The next question's subject said before its verb starts it: "…能不能办个残疾证" + "补贴能领多少";
    // asked of by the words before it, it is that question's ("有啥补贴能领" is one).
    const noun = subject === undefined ? SUBJECT_END.exec(clause.slice(start, opener))?.[0] : undefined;
    const head = noun && clause.slice(start, opener - noun.length);
    if (head !== undefined && ASKS_OF_NEXT.test(head)) continue;
    const index = head && extractSlots(head).item !== undefined ? opener - noun!.length : opener;
    const before = clause.slice(start, index);
    const named = extractSlots(before);
    const asks = QUESTION.test(before) && !OPEN_END.test(before) && (ERRAND.test(before) || named.item !== undefined || intentOf(before) !== undefined);
    // A new subject only after one: "怎么办残疾证" is one question.
    const cut = subject === undefined || named.item !== undefined || named.service !== undefined;
    if ([...before].length >= 3 && asks && cut && QUESTION.test(clause.slice(index))) {
      pieces.push(before);
      start = index;
    }
  }
  return [...pieces, clause.slice(start)];
}

/**
 * A message's pieces, clause by clause; one that names no item is about the item (and the
 * service) named before it in its clause ("…能不能办那个残疾证", "残疾证要去哪办"; "残疾证丢了咋补",
 * "残疾证丢了要多久"), or in an earlier clause when it asks nothing else ("…能办残疾证吗，要去哪办").
 */
function withItems(clauses: string[][]): string[] {
  // The item's name and the service in the words said ("丢了"), not its value (补办).
  let said: Slots = {};
  // The photo named last, with whose it is ("办社保卡的照片"): "能用手机拍不" after it asks of that photo.
  let photo = '';
  return clauses.flatMap((pieces) =>
    pieces.map((piece, i) => {
      const named = extractSlots(piece);
      const photoNamed = PHOTO_NAMED.exec(piece)?.[0];
      if (photoNamed) photo = photoNamed;
      else if (photo && TAKES_PHOTO.test(piece)) return `${photo}${piece}`;
      // A piece naming a subsidy ("补贴能领多少") asks of that, not of the item before.
      const carried = !named.item && !SUBSIDY.test(piece) && (i > 0 || BARE.test(normalizeText(piece))) ? slotWords(piece, said) : '';
      // Another office's certificate ("想办个老年证" before "去哪办") is no item of ours to carry.
      if (named.item) said = OTHER_CERTIFICATE.test(piece) ? {} : { item: named.item, ...(named.service ? { service: slotWord(piece, named.service) } : {}) };
      return `${carried}${piece}`;
    }),
  );
}

// A photo named with whose it is ("办社保卡的照片", "孩子的照片"), and a piece about taking one that names none.
const PHOTO_NAMED = /(?:\p{Script=Han}{1,4}的)?(?:照片|相片)/u;
const TAKES_PHOTO = /拍|照相/u;

// Another office's certificate named, in a piece naming nothing of ours (残).
const OTHER_CERTIFICATE = /^(?!.*残).*(?:老年|优待|驾驶|身份|结婚|离婚|房产|学生|居住|出生|准生|健康|军官|退伍|独生子女)证/u;

/** The item and service carried to a piece that names neither ("残疾证丢了" before "要多久"). */
const slotWords = (piece: string, said: Slots) => (said.item ?? '') + (said.service && !extractSlots(piece).service ? said.service : '');

/** The words a piece names a service with ("丢了", not 补办). */
const slotWord = (piece: string, service: string) => wordsOf('service', service)!.exec(piece)?.[0] ?? service;

/**
 * What a part of a run-on asks, without the context said before it: "俺娘腿脚不行了，办下来有啥补贴能领"
 * asks "办下来有啥补贴能领" (a button shows that, not what was said first).
 */
export function questionOf(part: string): string {
  const clauses = part.split('，');
  const first = clauses.findIndex((c) => QUESTION.test(c));
  return first > 0 ? clauses.slice(first).join('，') : part;
}

// A worry said after a question asks about it too: "能办证吗 我不想让单位知道" (will they be told?).
const WORRY = /不想让.{0,6}知道|(?:怕|担心).{0,8}(?:知道|公布|公示|曝光)/u;

/**
 * Splits a message into its questions: clauses are cut at punctuation (after a question
 * particle, and where an unpunctuated run-on starts its next question), and every clause that
 * is not a question itself ("老头子中风了") is kept with the question after it, as its context.
 * Returns one part when there is at most one question.
 */
export function questionParts(text: string): string[] {
  const clauses = clausesOf(text);
  const parts: string[] = [];
  let context: string[] = [];
  for (const clause of clauses) {
    // "结果出来了吗，咋查": how to find out is asked of the question before it, not a question of its own.
    if (HOW_TO_FIND.test(normalizeText(clause)) && parts.length && !context.length) {
      parts[parts.length - 1] += `，${clause}`;
      continue;
    }
    context.push(clause);
    if (QUESTION.test(clause) || WORRY.test(clause)) {
      parts.push(context.join('，'));
      context = [];
    }
  }
  // Trailing words that ask nothing belong to the last question ("…多少钱，谢谢").
  if (context.length && parts.length) parts[parts.length - 1] += `，${context.join('，')}`;
  return parts.length > 1 ? withCondition(parts) : [text];
}

/**
 * Parts asking where to be appraised with the condition said in a part before them ("俺爹中风了走不了路想办个残疾证咋整"
 * + "要去哪个医院": the category's hospital), as the scene before the question (a button still shows the question alone).
 */
function withCondition(parts: string[]): string[] {
  let condition: string | undefined;
  const message = parts.join('，');
  return parts.map((part) => {
    if (extractSlots(part).category) {
      condition = conditionWords(part);
      return part;
    }
    return condition && asksWhereAppraised(part, message) ? `${condition}，${part}` : part;
  });
}
