import { normalizeText } from './normalize.js';
import { asksSomething } from './runOn.js';

// Who is asking for whom is not the topic: "我替我爸问", "帮我姑姑问下", "我是她孙子 想问问",
// "喂喂 那个我问一下啊就是" open a question without being part of it. The dialogs still read the
// whole message (a relative asking starts the family check); only the ranking is spared them.
export const RELATIVE = '(?:爸爸|爸|妈妈|妈|爹|娘|老爷子|老头子|老头|老太太|老太|老伴|老公|老婆|媳妇|爱人|那口子|对象|儿子|女儿|闺女|孩子|娃|孙子|孙女|外孙女|外孙|爷爷|奶奶|姥姥|姥爷|外公|外婆|姑姑|姑|舅舅|舅|姨妈|姨|叔叔|叔|伯伯|婶婶|婶|大爷|大娘|哥哥|哥|姐姐|姐|弟弟|弟|妹妹|妹|亲戚|家里人|邻居|朋友)';
// Not 问题 ("问题是啥"); "我问你" asks the bot.
const ASK = '(?:问问|问一下|问下|问个事儿?|问|咨询一下|咨询下|咨询|打听一下|打听下|打听)(?!题)(?:你|您)?';
// Fillers of speech: 喂喂, 那个, 就是, 你好.
const FILLERS = '喂+|那个|就是|你好|您好|请问|麻烦问下|麻烦问一下|呃+|嗯+|啊+|哈+';
const SEPARATORS = '[\\s，,。.!！?？、~～]*';
// A hotline agent's note says who called before what was asked: "来电人称其弟弟…", "市民来电 其母耳聋…",
// "打电话的大爷说他耳朵聋了…", "来电的大娘说她…" (他, 她: the caller).
const CALLER = `(?:(?:来电|打电话)的${RELATIVE}?(?:人)?|(?:市民|群众|村民)?来电(?:人|者)?)(?:称|反映|表示|说)?(?:他|她)?`;
// In a note, "…了 问需要提供什么证明": the note's verb before what was asked, no part of it.
const NOTE_ASK = /(^|[\s，,。；;]|了)(?:询问|咨询|想问|追问|又问|还问|问)(?:一下|下)?(?!题)/gu;
const NOTE = /来电|打电话的/u;
const OPENINGS = [
  FILLERS,
  CALLER,
  // The note's "其母", "其弟弟": the caller's relative (the relative's word stays, as after 我家).
  `其(?=${RELATIVE}|母|父)`,
  // "我是她孙子", "俺是他老伴儿": saying who one is to the person asked about.
  `(?:我|俺)是(?:他|她|它)?(?:的)?${RELATIVE}儿?(?!家长)`,
  // "我替我爸问", "帮我姑姑问下", "俺替俺家老头问问", "我想给我妈打听一下".
  `(?:我|俺)?(?:想|就想|来)?(?:替|帮|给)(?:我|俺)?(?:家|家的)?${RELATIVE}?儿?(?:来)?${ASK}`,
  // "我问一下", "想问问", "俺就想问问"; a note's "来电人追问".
  `(?:我|俺)?(?:就|也)?(?:想|来)?追?${ASK}(?:一下|下)?(?:啊|哈|哦|呀)?`,
  // "我家老头子…": whose household, not what is asked (the relative's word stays: 老头子 is old, 孩子 a minor).
  `(?:我|俺)(?:们)?家(?:的)?(?=${RELATIVE})`,
].join('|');
const OPENING = new RegExp(`^(?:${SEPARATORS}(?:${OPENINGS}))+${SEPARATORS}`, 'u');
// A relative named, 我家 or 其 before one ("我家老头子", "其母"), or a caller's note.
const NAMES_RELATIVE = new RegExp(`${RELATIVE}|(?:我|俺)(?:们)?家(?:的)?$|其$|来电|打电话的`, 'u');
// "我是孩子姑姑…我能给孩子申请吗": acting for someone is then what is asked.
const ACTS_FOR = /(?:我|俺)(?:能|可以|能不能|可不可以)?(?:给|帮|替|代)/u;

// "好的谢谢 那评定大概啥时候", "嗯嗯 知道了，还有…": taking in the answer or thanking for it before the
// next question. A word of it counts only before a pause or 那: "好多钱吗", "行动不便" start with none.
const ACK_WORD = '(?:好的|好嘞|好吧|好|行|嗯+|哦+|噢+|知道了|明白了|了解了|懂了|收到|谢谢|多谢|感谢|谢了|辛苦了)(?:你们|你|您|啦|了|哈|啊|呀|哦)*';
const ACKNOWLEDGED = new RegExp(`^${SEPARATORS}(?:${ACK_WORD}${SEPARATORS})*${ACK_WORD}(?:[\\s，,。.!！~～]+|(?=那))`, 'u');

/**
 * The question after thanks or an acknowledgement ("好的谢谢 那评定大概啥时候" -> "那评定大概啥时候"): the
 * question is what is asked, not the thanks. A message that asks nothing after them is kept whole ("谢谢 再见").
 */
export function withoutThanks(text: string): string {
  const said = ACKNOWLEDGED.exec(text)?.[0];
  const rest = said ? text.slice(said.length) : text;
  return said && asksSomething(rest) ? rest : text;
}

/** Whether a message only says who asks for whom ("我是他老伴", "我替我爸问问"), asking nothing yet. */
export function onlyOpening(text: string): boolean {
  const opening = OPENING.exec(text)?.[0] ?? '';
  return NAMES_RELATIVE.test(opening) && !normalizeText(text.slice(opening.length));
}

/**
 * The question without the opening words that say who asks for whom: "帮我姑姑问下 残疾证要带啥"
 * -> "残疾证要带啥". Kept whole: an opening that names no relative ("哈喽", "喂 有人吗" are
 * greetings; "我想问一下" weighs little), a question about acting for someone, and a message
 * that is nothing but an opening ("我替我爸问问"). Thanks before the question go too (`withoutThanks`).
 */
export function withoutOpening(said: string): string {
  const text = withoutThanks(said);
  const opening = OPENING.exec(text)?.[0] ?? '';
  const rest = text.slice(opening.length);
  if (!NAMES_RELATIVE.test(opening) || ACTS_FOR.test(rest)) return text;
  const asked = NOTE.test(opening) ? rest.replace(NOTE_ASK, '$1') : rest;
  return normalizeText(asked) ? asked : text;
}
