import { createRequire } from 'node:module';
import { cut, tag } from './jieba.js';
import type { Region } from '../data/region.js';
import type { Entry } from './loader.js';
import { normalizeText } from './normalize.js';
import type { Decision } from './ranking.js';
import { REFERENCE_PLANS } from './referencePlans.js';
import { asksSomething } from './runOn.js';

/** The decline entry that says the bot answers for its own region only. */
export const OTHER_PLACE_ENTRY_ID = 'decl-other-place';

// GB/T 2260 divisions (china-area-data): code -> { child code -> name }; "86" holds the provinces.
type DivisionData = Record<string, Record<string, string>>;

// Placeholders in the data that name no place (市辖区, 省直辖县级行政区划, 县).
const NOT_A_PLACE = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

// Two-character district names (城区, 矿区, 郊区, 东区) are also common words, not names; so are
// the names of a county seat's quarters that many counties share (城关, 城东, 新城…).
const GENERIC = /^.区$|^(城关|城中|城东|城西|城南|城北|新城)(区|镇)?$/;

// What a province's, a prefecture's or a county's name ends with; the rest is what people say (江苏, 杭州, 昆山).
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const DIVISION_SUFFIX = /(市|地区|盟|林区|县|区|旗)$/;
// An autonomous prefecture or county: its short name is the first word of what comes before the peoples' names.
const AUTONOMOUS = /自治[州县旗]$/;

/** Moving a certificate (迁, 搬) from or to another place is a question for us, wherever it names. */
const MOVING = /迁|搬/;

/**
 * Someone still asking about this county's services: their 户口 or 户籍 being elsewhere, working
 * away (打工), going back home. "户口在北京，能在这办吗" is a question for us; not when it asks of
 * the office over there ("老家在甘肃 在那边能办吗": that place's own rules).
 */
const OURS_AFTER_ALL = /户口|户籍|老家|打工|务工|回来|回去|回老家|这边|这里|这儿|本地|本县|我们这|咱们这|俺们这/;
const THERE = /那边|那里|那儿|那头|当地/;
const HERE = /这边|这里|这儿|本地|本县|我们这|咱们这|俺们这|就近/;

/** Whether a text naming another place still asks of this county: moving, or its words for here and not for there. */
const asksOfHere = (text: string) => MOVING.test(text) || (OURS_AFTER_ALL.test(text) && (!THERE.test(text) || HERE.test(text)));

// Words for a person: "我妈在重庆" says where she is, not which place's rules are asked about.
const PERSON = /^(我|俺|咱|你|您|他|她|人|住|家|家人|家里人|亲戚|老人|孩子|儿子|女儿|老公|老婆|爱人|父亲|母亲|本人)$|(妈|爸|爹|娘)$/;

const FROM = new Set(['从', '自']);

/** What follows a village's name: "村", "村里", "组". */
const VILLAGE_AFTER = /^[村屯组庄]/u;

const AT = '在';

interface Divisions {
  /** Full names (江苏省, 杭州市, 昆山市) and short ones (江苏, 杭州, 昆山). */
  full: Set<string>;
  short: Set<string>;
  /** Every name's first two characters: a text holding none of them names no place (most do not). */
  starts: Set<string>;
}

let loaded: Divisions | undefined;

/** Every province, prefecture and county of China by its full name, and the short names people use (loaded once). */
function divisions(): Divisions {
  if (loaded) return loaded;
  const data = createRequire(import.meta.url)('china-area-data/v5/data.json') as DivisionData;
  const found: Divisions = { full: new Set(), short: new Set(), starts: new Set() };
  const add = (name: string, suffix: RegExp) => {
    if (NOT_A_PLACE.test(name) || GENERIC.test(name)) return;
    found.full.add(name);
    found.starts.add(name.slice(0, 2));
    const s = shortName(name, suffix);
    if (s) found.short.add(s);
  };
  const provinces = Object.keys(data['86']);
  for (const p of provinces) add(data['86'][p], PROVINCE_SUFFIX);
  for (const p of provinces) {
    for (const [c, name] of Object.entries(data[p] ?? {})) {
      add(name, DIVISION_SUFFIX);
      // County codes are 6 digits; deeper ones (towns of cities without counties) are left out.
      for (const [code, county] of Object.entries(data[c] ?? {})) if (code.length === 6) add(county, DIVISION_SUFFIX);
    }
  }
  loaded = found;
  return found;
}

/** 江苏省 -> 江苏, 杭州市 -> 杭州, 延边朝鲜族自治州 -> 延边; a name of one character left is no name. */
function shortName(name: string, suffix: RegExp): string | undefined {
  const s = AUTONOMOUS.test(name) ? cut(name.replace(AUTONOMOUS, ''))[0] : name.replace(suffix, '');
  return s && s.length >= 2 && s !== name ? s : undefined;
}

/** The region's own names (county, its old names, city, province, its towns), full and short. */
export function homeNames(region: Pick<Region, 'county' | 'countyAliases' | 'city' | 'province'> & Partial<Pick<Region, 'towns'>>): string[] {
  const names = [region.county, ...(region.countyAliases ?? []), region.city, region.province, ...(region.towns ?? [])];
  return [...new Set(names.flatMap((n) => [n, shortName(n, PROVINCE_SUFFIX), shortName(n, DIVISION_SUFFIX)]).filter((n) => n !== undefined))];
}

/**
 * The places a text asks about: provinces, cities and counties it names (a short name only
 * where jieba reads a place word), leaving out where someone is ("我妈在重庆") or comes from
 * ("从江苏迁过来").
 */
export function placesNamed(text: string): string[] {
  const { full, short, starts } = divisions();
  let possible = false;
  for (let i = 0; i + 1 < text.length && !possible; i++) possible = starts.has(text.slice(i, i + 2));
  if (!possible) return [];
  const tagged = tag(text, false);
  const words = tagged.map((t) => t.word);
  return tagged
    .filter(({ word, tag: pos }, i) => {
      if (!full.has(word) && !(pos === 'ns' && short.has(word))) return false;
      // "北关村", "李庄组": a village named as a district is, no district (北关区).
      if (!full.has(word) && VILLAGE_AFTER.test(words[i + 1] ?? '')) return false;
      const before = words[i - 1];
      if (before !== undefined && FROM.has(before)) return false;
      return !(before === AT && words[i - 2] !== undefined && PERSON.test(words[i - 2]));
    })
    .map(({ word }) => word);
}

/**
 * Declines a question about another place's rules ("北京的残疾证在哪办", "杭州市残联电话") with the
 * entry that says the bot answers for its region only and where to ask there. Not another place:
 * the region's own names (a question naming it is ours, "我在北京打工，户口在示范县"); the places
 * of the reform plans behind the answers; a question about moving or about someone's 户口
 * elsewhere; and questions whose best answer is written for other places (its wordings name
 * one: "在北京看的病，那边的证明能用吗", "平原县一次能办几项").
 */
export class OtherPlaceGate {
  private readonly home: string[];
  private readonly ours: string[];
  private readonly placeAware = new Set<string>();
  private readonly entry: Entry | undefined;

  constructor(entries: Entry[], home: string[]) {
    this.home = home.map(normalizeText).filter((n) => n);
    this.ours = [...this.home, ...REFERENCE_PLANS];
    for (const e of entries) {
      if (e.kind === 'answer' && [e.question, ...e.alternates].some((w) => placesNamed(normalizeText(w)).length > 0)) this.placeAware.add(e.id);
    }
    this.entry = entries.find((e) => e.id === OTHER_PLACE_ENTRY_ID);
  }

  /** The other place a question asks about, if any. */
  otherPlace(question: string): string | undefined {
    const text = normalizeText(question);
    if (!text || this.home.some((h) => text.includes(h)) || asksOfHere(text)) return undefined;
    return placesNamed(text).find((p) => !this.ours.some((o) => o.startsWith(p) || p.startsWith(o)));
  }

  /**
   * The decision for a question, or the other-place decline instead. Only a question about what
   * the knowledge base answers (an answer or "您想问的是") is another place's version of it, or
   * one that nothing fits well but that asks ("香港的伤残津贴怎么申请": another place's own
   * scheme, in words no entry uses): a place alone ("广州市天河区", a form step's answer) stays
   * as it was, and so do small talk and what the ranking declines.
   */
  review(question: string, decision: Decision): Decision {
    if (!this.entry || decision.kind === 'decline') return decision;
    if (decision.kind === 'none' && !asksSomething(question)) return decision;
    const best = decision.kind === 'answer' ? decision.top : decision.kind === 'clarify' ? decision.options[0] : decision.ranked[0];
    if (!best || best.entry.kind !== 'answer' || this.placeAware.has(best.entry.id)) return decision;
    if (!this.otherPlace(question)) return decision;
    return { kind: 'decline', top: { entry: this.entry, score: 1 }, ranked: decision.ranked };
  }
}
