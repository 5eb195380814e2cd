import { normalizeText } from '../../knowledge/normalize.js';

/** A digit or a Chinese numeral, as house numbers, groups and floors are written. */
export const NUMERAL = '[\\d０-９一二三四五六七八九十百零〇两]';
const NUMERAL_AT = new RegExp(`^${NUMERAL}+`, 'u');

/** One part of an address and how fine it is (town 4, village or street 5, group 7, house number 8, …). */
interface Part {
  text: string;
  level?: number;
}

// What ends a numbered part ("七组", "九号", "三单元", "二楼"), longest first.
const NUMBERED: [string, number][] = [['号院', 8], ['号楼', 9], ['单元', 10], ['号', 8], ['栋', 9], ['幢', 9], ['楼', 11], ['层', 11], ['室', 12], ['组', 7], ['队', 7]];
// What ends a named part ("城关镇", "东街村", "幸福小区"), longest first.
const NAMED: [string, number][] = [
  ['自治区', 1], ['街道', 4], ['小区', 6], ['社区', 5], ['胡同', 5], ['大道', 5],
  ['省', 1], ['市', 2], ['县', 3], ['区', 3], ['镇', 4], ['乡', 4], ['村', 5], ['屯', 5], ['街', 5], ['路', 5], ['巷', 5], ['道', 5], ['苑', 6], ['园', 6],
];
// A street's name may end a village's ("东街村", "北关路村"): one part.
const VILLAGE_AFTER_STREET = /^[村屯]/u;

/** An address cut into its parts, coarse to fine; a part with no level is a name with no place word. */
function partsOf(address: string): Part[] {
  const s = address.replace(/[\s\p{P}]+/gu, '');
  const parts: Part[] = [];
  for (let i = 0; i < s.length; ) {
    const digits = NUMERAL_AT.exec(s.slice(i))?.[0];
    if (digits) {
      const unit = NUMBERED.find(([end]) => s.startsWith(end, i + digits.length));
      if (unit) {
        parts.push({ text: s.slice(i, i + digits.length + unit[0].length), level: unit[1] });
        i += digits.length + unit[0].length;
        continue;
      }
      // "401" at the end: the room.
      if (i + digits.length === s.length) {
        parts.push({ text: digits, level: 12 });
        break;
      }
    }
    // A name up to its place word ("二十里铺村": numerals may begin one).
    let end = -1;
    let level: number | undefined;
    for (let k = i + 1; k < s.length && end < 0; k++) {
      const named = NAMED.find(([word]) => s.startsWith(word, k));
      if (named) [end, level] = [k + named[0].length, named[1]];
    }
    if (end > 0 && level === 5 && VILLAGE_AFTER_STREET.test(s.slice(end))) end += 1;
    if (end < 0) end = s.length;
    parts.push({ text: s.slice(i, end), level });
    i = end;
  }
  return parts;
}

/** Words around the parts said that are none of them: "门牌是", "在七组", "上的8号". */
const PART_WORDS = /^(?:(?:里面?|上面?|中|当中)的|地址|住址|门牌号码?|门牌|号码|村名|村子|名字|在|住在|住|就)+|(?:就(?:行|好|成|可以|对)|[了的啊呀吧呢])+$/gu;
/** What leads to a new part, or denies an old one ("不是"); with 改成 the part before it is the old one. */
const LEADS = /(不是|而是|应该是|应为|改成|改为|换成|写成|是)/u;
/** Said to add to the end of the address: "后头还得加上 三单元二楼", "再添上幸福小区". */
const APPENDS = /(?:还|再)?(?:得|要)?(?:加上|添上|补上|写上|加个|添个|补个|再加|再添)|后[头面边](?:还|再)?(?:得|要)?(?:有个?)|少写了?|还少(?:写)?了?个?|少了个|少个|漏写了?|漏了|忘写了?|忘了写/u;
/** Words of a request to change the address, which no address holds. */
export const CHANGE_REQUEST = new RegExp(`${APPENDS.source}|后[头面边]|改成|改为|换成|应该|错了|不对|不是`, 'u');
/** The village said to be the part wrong ("村名不对", "村子写错了", "村名是李庄"): a bare name said is the village's. */
const VILLAGE_NAMED = /村(?:的)?(?:名字?|子)|村(?:也|都)?[写填弄搞打记说]?(?:错|不对)/u;
/** A piece that only says something is wrong ("都错了", "弄乱了"): none of the parts. */
const COMPLAINT = new RegExp(`^(?:(?!${NUMERAL}).){0,4}(?:错了?|不对|乱了)$`, 'u');

/**
 * The address with the parts said put in place of the old ones of their kind ("是五组 不是二十三号 是三十二号",
 * "不是东街 是西街村", "门牌号是九号 在七组"), or added where they belong ("后头还得加上 三单元二楼"); undefined when
 * what is said is not parts of an address below the village (a whole address, a street with its number: read
 * elsewhere), null when more is asked to be added but what is none of an address. `fieldNamed` false: said with
 * no word of the address ("后面还有个二单元"), where a new name counts only with the village or the old name said.
 */
export function addressPartsSaid(current: string, input: string, fieldNamed = true): string | null | undefined {
  const said = normalizeText(input).trim();
  const append = APPENDS.exec(said);
  const news: Part[] = [];
  const denied: string[] = [];
  if (append) {
    news.push(...partsOf(said.slice(append.index + append[0].length).replace(PART_WORDS, '')));
    // "就写上城关镇幸福路8号": a whole address, read as before.
    if (news.some((p) => p.level !== undefined && p.level <= 4)) return undefined;
    if (news.length === 0 || news.some((p) => p.level === undefined || p.level <= 5)) return null;
  } else {
    // Cut at each lead first: what a lead comes before may run on past a space ("不是 二十三号").
    const bits = said.split(LEADS);
    for (let i = 0; i < bits.length; i += 2) {
      const pieces = bits[i].split(/[\s，,。；;！!、]+/u).map((x) => x.replace(PART_WORDS, '')).filter((x) => x && !COMPLAINT.test(x));
      pieces.forEach((text, j) => {
        // The lead before is said of the first piece after it; a change word after, of the piece before it.
        const wrong = (j === 0 && bits[i - 1] === '不是') || (j === pieces.length - 1 && /^(?:改|换|写)/u.test(bits[i + 1] ?? ''));
        if (wrong) denied.push(text);
        else news.push(...partsOf(text));
      });
    }
    // "村名不对 是李庄", "不是王庄 是李庄": a name said alone is the village's, with the place word the old one has.
    const oldVillage = partsOf(current).find((p) => p.level === 5)?.text;
    if (VILLAGE_NAMED.test(said) || denied.some((d) => oldVillage?.startsWith(d))) news.forEach((p, k) => (news[k] = villageOf(p, current)));
    // With no field named, a name is the village's or street's only when said so ("不知道" ends as a street may).
    if (!fieldNamed && news.some((p) => p.level === 5) && !VILLAGE_NAMED.test(said) && denied.length === 0) return undefined;
    // A whole address, a street with its number, or words that are no part: read as before.
    if (news.length === 0 || news.some((p) => p.level === undefined || p.level <= 4) || (news.some((p) => p.level === 5) && news.length > 1)) return undefined;
  }
  const parts = partsOf(current);
  if (denied.some((d) => !parts.map((p) => p.text).join('').includes(d))) return undefined;
  for (const part of news) {
    const same = parts.filter((p) => p.level === part.level);
    if (same.length > 1) return undefined;
    if (same.length === 1) {
      const old = same[0];
      // "不是东街 是西街": the old part named in part ("东街" of 东街村), the rest of it kept.
      const named = denied.find((d) => d !== old.text && old.text.startsWith(d));
      const rest = named ? old.text.slice(named.length) : '';
      old.text = rest && !part.text.endsWith(rest) ? `${part.text}${rest}` : part.text;
      continue;
    }
    // A part the address has no place for ("18号" for a village with no number) is added only when asked to add.
    if (!append) return undefined;
    const at = parts.findIndex((p) => p.level !== undefined && p.level > part.level!);
    parts.splice(at < 0 ? parts.length : at, 0, { ...part });
  }
  const value = parts.map((p) => p.text).join('');
  return value === current.replace(/[\s\p{P}]+/gu, '') ? current : value;
}

/** A name with no place word ("李庄") said of the village: the village, with the place word of the one in `current` (村 or 屯). */
function villageOf(part: Part, current: string): Part {
  // A longer run is a sentence, not a name ("俺们那都叫李家庄").
  if (part.level !== undefined || !/^\p{Script=Han}{2,4}$/u.test(part.text) || new RegExp(NUMERAL, 'u').test(part.text)) return part;
  const word = partsOf(current).find((p) => p.level === 5)?.text.match(/[村屯]$/u)?.[0] ?? '村';
  return { text: `${part.text}${word}`, level: 5 };
}

/**
 * A new address said from its village or street on ("李庄村四组十五号"), with the town and what is above it of the
 * address it replaces; one that names its town (or anything above) as it was said.
 */
export function withPlaceAbove(current: string, said: string): string {
  const parts = partsOf(said);
  if (parts[0]?.level === undefined || parts[0].level <= 4) return said;
  const above = partsOf(current).filter((p) => p.level !== undefined && p.level <= 4);
  // Only the places above that lead the old address (a name in it may be a place word's look-alike).
  return above.length && current.replace(/[\s\p{P}]+/gu, '').startsWith(above.map((p) => p.text).join('')) ? `${above.map((p) => p.text).join('')}${said}` : said;
}
