// Personal data in free text: what it looks like in any spelling, masking for logs, lists and
// replies to people not yet verified, and the check that keeps it out of curators' stores.
import { tag } from 'jieba-wasm';

/**
 * A run of digits as people type numbers: grouped by spaces, dashes, dots or brackets, maybe
 * with +86, maybe ending in X (ID numbers). Checked as a whole once the separators are gone.
 */
const NUMBER_RUN = /(?<![0-9A-Za-z])[+＋]?[(（]?\d(?:[\s\-–—－.·()（）]{0,3}\d)*(?:[\s\-–—－]{0,3}[Xx])?(?![0-9A-Za-z])/g;
const CASE_NUMBER = /YC[\s\-－]*\d(?:[\s\-－]*\d){11}/i;
/** The last 6 characters of an ID number, typed on their own. */
const ID_TAIL = /^\d{5}[\dXx]$/;
/** A calendar date as people write it with separators: 2026-11-20, 2026.12.1, 2026/12/01. */
const DATE = /^(19|20)\d{2}[-.\/]\d{1,2}[-.\/]\d{1,2}$/;
/** How many digits make a number personal when its kind is unknown. */
const PERSONAL_DIGITS = 7;

type NumberKind = 'idNumber' | 'mobile' | 'landline';

/** What a run of digits (separators removed) is, when it is personal. */
function kindOf(digits: string): NumberKind | undefined {
  if (/^\d{17}[\dX]$/i.test(digits) || /^\d{15}$/.test(digits)) return 'idNumber';
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return 'mobile';
  if (/^(?:86)?0\d{9,11}$/.test(digits)) return 'landline';
  return undefined;
}

const digitsOf = (run: string) => run.replace(/[^\dXx]/g, '');

/** Keeps the first and last characters a person recognises their own number by. */
function masked(kind: NumberKind, digits: string): string {
  if (kind === 'idNumber') return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  const local = digits.replace(/^86/, '');
  return `${local.slice(0, kind === 'mobile' ? 3 : local.length - 8)}****${local.slice(-4)}`;
}

/** Full-width digits and X, Y, C folded to ASCII, so "１３８…" is read as a number too; the rest of the text is kept. */
const fold = (text: string) => text.replace(/[０-９ＸｘＹｙＣｃ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** The digits of numbers everyone may see (a hospital's, a hotline's), which masking leaves alone. */
export const publicNumbers = (phones: string[]): ReadonlySet<string> => new Set(phones.map(digitsOf));

function maskRun(run: string, keep?: ReadonlySet<string>): string {
  const digits = digitsOf(run);
  if (keep?.has(digits)) return run;
  const kind = kindOf(digits);
  if (kind) return masked(kind, digits);
  // Two numbers side by side ("13812345678 0571-87654321") read as one run: each on its own.
  const parts = run.split(/(\s+)/);
  return parts.length > 1 ? parts.map((p) => (/\d/.test(p) ? maskRun(p, keep) : p)).join('') : run;
}

/** Masks ID numbers and phone numbers wherever they appear in free text, however they are spaced; `keep` are public ones. */
export function maskText(text: string, keep?: ReadonlySet<string>): string {
  return fold(text).replace(NUMBER_RUN, (run) => maskRun(run, keep));
}

/** A number masked (by maskText, or typed so): digits or X around a run of stars, "411***********2064", "139****5678". */
const MASKED_NUMBER = /[\dXx]*[*＊]{3,}[\dXx]*/g;
/** Words that only name the number beside them ("身份证411…", "电话是139…"): dropped with it, as they ask nothing. */
const NUMBER_NAMED = /(?:身份证|证件|手机|电话|联系电话|联系方式)(?:号码?)?(?:是|为|[:：])?\s*$/u;

/**
 * A question without the ID numbers and phones in it, and the words that only name them, for ranking:
 * "她娘身份证411… 电话139… 问评定约的哪天" asks about the appraisal, not the ID card. Numbers already masked go too.
 */
export function withoutPersonalNumbers(text: string): string {
  const masked = maskText(text);
  let out = '';
  let last = 0;
  for (const m of masked.matchAll(MASKED_NUMBER)) {
    out += masked.slice(last, m.index).replace(NUMBER_NAMED, '') + ' ';
    last = m.index + m[0].length;
  }
  return (out + masked.slice(last)).replace(/\s+/g, ' ').trim();
}

/**
 * Whether a message holds personal data rather than a question: an ID number or a phone in any
 * spelling, a case number, or the 6-character ID tail of a family check typed at the wrong
 * moment, or any other number of 7 digits or more. Such a message is never kept as a question for curators.
 */
export function looksPersonal(text: string): boolean {
  const folded = fold(text);
  if (CASE_NUMBER.test(folded)) return true;
  if (ID_TAIL.test(folded.replace(/[\s\-–—－.。]/g, ''))) return true;
  if (maskText(folded) !== folded) return true;
  // A long number that is no known kind is still someone's (a phone typed short or wrong, an account): 7 digits or more.
  // A date written with dashes or dots (2026-11-20, 2026.12.01) is a date, not a number.
  return (folded.match(NUMBER_RUN) ?? []).some(
    (run) => !DATE.test(run.trim()) && (/^\d{5}X$/i.test(digitsOf(run)) || digitsOf(run).replace(/x/i, '').length >= PERSONAL_DIGITS),
  );
}

/** A name said after 叫 / 名字是 / 姓名, ending the phrase ("俺叫王德贵，…", "我爸叫陈建国 今年…"). */
const NAMED = /(叫|名叫|名字是|名字叫|姓名是?[:：]?)\s*(\p{Script=Han}{2,3})(?=[\s，,。.!！?？、；;]|$)/gu;
/** What follows 叫 without being a name ("叫什么", "叫人来"). */
const NOT_A_NAME = /^[你我他她它您什啥人的了个谁哪那这]/u;

/**
 * People's names in a sentence masked (王*贵): the names jieba tags as a person's (nr), and a
 * name said after 叫 / 名字是 / 姓名. Names jieba does not know and said otherwise stay: a
 * heuristic, for texts that are kept for curators, not a guarantee.
 */
export function maskNames(text: string): string {
  const bare = bareName(text);
  if (bare) return maskName(bare);
  const tagged = tag(text, true)
    .filter((t) => t.tag === 'nr' && [...t.word].length >= 2 && [...t.word].length <= 4)
    .map((t) => t.word);
  let masked = text.replace(NAMED, (all, lead: string, name: string) => (NOT_A_NAME.test(name) ? all : `${lead}${maskName(name)}`));
  for (const name of new Set(tagged)) masked = masked.split(name).join(maskName(name));
  return masked;
}

/** The hundred commonest surnames (most people in China bear one): the first character of a name typed alone. */
const COMMON_SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
]);

/**
 * A message that is only a name ("张小梅", typed where no form asked for it): a common surname and
 * one to three characters that jieba does not know as a word of its own (白内障, 方便, 江苏 are words).
 */
function bareName(text: string): string | undefined {
  const said = text.trim();
  if (!/^\p{Script=Han}{2,4}$/u.test(said) || !COMMON_SURNAMES.has(said[0])) return undefined;
  const tags = tag(said, true);
  const unknownWhole = tags.length === 1 && tags[0].tag === 'x';
  const surnameThenName = tags.length > 1 && tags[0].tag === 'nr' && [...tags[0].word].length === 1;
  return unknownWhole || surnameThenName ? said : undefined;
}

/**
 * Someone's address: a numbered part (house number, group, building, unit, room) right after a named place
 * ("北关村六组八号", "幸福路12号", "王庄村3组"). An office's address asked after ("人民路1号是残联吗") reads so too:
 * left out with the rest, as no curator needs it.
 */
const ADDRESS = /(?:村|屯|庄|街|路|巷|弄|胡同|小区|社区|苑|园|大道)[\d０-９一二三四五六七八九十百零〇两]+(?:号|组|队|栋|幢|单元|室)/u;

/** Whether a message holds someone's address (see ADDRESS). */
export const holdsAddress = (text: string) => ADDRESS.test(text.replace(/\s+/gu, ''));

/** A question as curators may keep it (unanswered questions, ratings): none when it holds a number that is personal or an address, names masked. */
export function questionForCurators(text: string): string | undefined {
  return looksPersonal(text) || holdsAddress(text) ? undefined : maskNames(text);
}

/** 王建国 -> 王*国, 李四 -> 李*, one character stays visible at each end of longer names. */
/** An ID number as its owner sees it in a summary: region (6) and last 4 shown, birth date hidden. */
export const maskIdNumber = (id: string) => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id);

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
