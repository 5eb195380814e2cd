/**
 * Kin in the words people use, read the same wherever a relation is said: the family check
 * ("帮我姥姥查一下"), applying for someone ("给俺娘办"), the relation questions of the form.
 * Each word is one kind; the kinds map onto the few labels the product keeps.
 */
export type Kin = 'parent' | 'child' | 'spouse' | 'sibling' | 'grandparent' | 'grandchild' | 'otherKin' | 'notKin' | 'guardian' | 'committee';

const WORDS: Record<Kin, string[]> = {
  grandparent: ['祖父母', '外祖父母', '祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '阿公', '阿婆', '爷', '奶', '姥'],
  grandchild: ['孙子女', '外孙子女', '孙子', '孙女', '外孙', '外孙女', '孙辈', '孙'],
  parent: ['父母', '父亲', '母亲', '爸爸', '妈妈', '老爸', '老妈', '爹娘', '爸妈', '继父', '继母', '后妈', '养父', '养母', '父', '母', '爸', '妈', '爹', '娘'],
  child: ['子女', '儿女', '儿子', '女儿', '闺女', '孩子', '小孩', '养子', '养女', '继子', '继女', '姑娘', '娃'],
  spouse: ['配偶', '丈夫', '妻子', '老公', '老婆', '爱人', '老伴', '媳妇', '对象', '老头子', '老太婆', '老头', '孩子他爸', '孩子他妈', '孩子爸', '孩子妈', '那口子', '另一半'],
  sibling: ['兄弟姐妹', '哥哥', '姐姐', '弟弟', '妹妹', '兄弟', '姐妹', '兄', '弟', '姐', '妹', '哥'],
  otherKin: [
    '叔叔', '伯伯', '伯父', '伯母', '叔父', '婶婶', '婶子', '姑姑', '姑妈', '姑父', '舅舅', '舅妈', '舅父', '姨妈', '姨父', '阿姨', '小姨', '大姨',
    '侄子', '侄女', '外甥', '外甥女', '表哥', '表姐', '表弟', '表妹', '堂哥', '堂姐', '堂弟', '堂妹', '女婿', '儿媳', '儿媳妇', '孙媳妇',
    '公公', '婆婆', '岳父', '岳母', '丈人', '丈母娘', '嫂子', '弟媳', '姐夫', '妹夫', '亲戚', '亲属', '家里老人', '老人家', '老人', '老太太',
    '叔', '伯', '婶', '姑', '舅', '姨', '侄', '甥',
  ],
  notKin: ['邻居', '朋友'],
  guardian: ['法定监护人', '监护人', '监护'],
  committee: ['村委会', '居委会', '村委', '居委', '民政', '社区', '福利院'],
};

const KIN_OF = new Map<string, Kin>(Object.entries(WORDS).flatMap(([kin, words]) => words.map((w) => [w, kin as Kin] as const)));
// Longest first, so "外孙女" is not read as "女", nor "姑妈" as "妈", nor "儿媳妇" as "媳妇".
const BY_LENGTH = [...KIN_OF.keys()].sort((a, b) => b.length - a.length);
const ALL_KIN = new RegExp(BY_LENGTH.join('|'), 'gu');

const SPEAKER = '(?:我|俺|咱)(?:们)?';
/** "我妈", "俺家老伴", "咱家的孩子": the word names someone of the speaker's. */
const OF_SPEAKER = new RegExp(`${SPEAKER}(?:家)?(?:的)?$`, 'u');
/** "我是她女儿", "俺是申请人的舅舅": the word names the speaker. */
const SPEAKER_IS = new RegExp(`${SPEAKER}就?是(?:他|她|它|申请人|残疾人)?(?:的)?$`, 'u');

const INVERSE: Partial<Record<Kin, Kin>> = { parent: 'child', child: 'parent', grandparent: 'grandchild', grandchild: 'grandparent' };
/** The kin seen from the other side: the mother's child, the grandson's grandparent. */
export const inverseKin = (kin: Kin): Kin => INVERSE[kin] ?? kin;

interface KinSaid {
  kin: Kin;
  /** The word itself ("娘", "老伴"). */
  word: string;
  /** Said as someone of the speaker's ("我妈"). */
  ofSpeaker: boolean;
  /** Said as what the speaker is ("我是他儿子"). */
  speakerIs: boolean;
}

/**
 * The kin word of a text, and from whose side it is said. "我是孩子的姑姑" names the applicant
 * first and the speaker last: after "我是", the last kin word is the speaker's.
 */
export function kinIn(text: string): KinSaid | undefined {
  const matches = [...text.matchAll(ALL_KIN)];
  if (matches.length === 0) return undefined;
  const before = text.slice(0, matches[0].index);
  const speakerIs = SPEAKER_IS.test(before);
  // Within the clause that says it: "我是他妈，给我儿子办" is the mother.
  const clauseEnd = text.slice(matches[0].index).search(/[，,。.!！?？;；\s]/u);
  const inClause = clauseEnd < 0 ? matches : matches.filter((m) => m.index! < matches[0].index! + clauseEnd);
  const word = (speakerIs ? inClause[inClause.length - 1] : matches[0])[0];
  return { kin: KIN_OF.get(word)!, word, speakerIs, ofSpeaker: !speakerIs && OF_SPEAKER.test(before) };
}

// The characters that make a kin word a woman's or a man's ("娘", "外婆"; "爹", "姥爷"); "父母", "舅妈", "老伴" are neither.
const FEMALE = /妈|娘|母|奶|姥(?!爷)|婆|姐|妹|女(?!婿)|媳|姨|姑|婶|妻|老太/u;
const MALE = /爸|爹|父|爷|公|哥|弟|儿子|夫|老头|叔|伯|舅|婿|孙子|侄子/u;

/** Whether a kin word names a woman or a man, when it says. */
export function sexOfKinWord(word: string): 'male' | 'female' | undefined {
  const female = FEMALE.test(word);
  const male = MALE.test(word);
  return female === male ? undefined : female ? 'female' : 'male';
}

/** "我是她奶奶张桂兰" cut after each kin word, the last first: the words up to it and what follows. */
export const splitsAfterKin = (text: string): [string, string][] =>
  [...text.matchAll(ALL_KIN)].reverse().map((m) => [text.slice(0, m.index! + m[0].length), text.slice(m.index! + m[0].length)]);

// A person's words only: "社区" and "民政" name offices, not someone whose case is looked up.
const PERSON_WORDS = BY_LENGTH.filter((w) => KIN_OF.get(w) !== 'committee');

/** A person's kin word, any of them ("娘", "老伴", "大孙子" holds 孙子). */
export const PERSON_KIN = new RegExp(PERSON_WORDS.join('|'), 'u');

/**
 * Someone named as kin in a sentence about a case ("我孙子的证", "帮姑姑查一下"): words of two
 * characters or more anywhere, one-character words only after whose they are ("我妈", "她舅"),
 * so "哪儿" is no child and "办好了" no one's aunt.
 */
export const RELATIVE_MENTION = new RegExp(
  `${PERSON_WORDS.filter((w) => [...w].length > 1).join('|')}|家人|家里人|家属|(?:我|俺|咱|他|她)(?:家)?(?:的)?(?:${PERSON_WORDS.filter((w) => [...w].length === 1).join('|')})`,
  'u',
);

/** "他", "她" as someone spoken of ("他定的哪天"), not "其他", "他们" (the office, a crowd). */
const THIRD_PERSON = /(?<!其)[他她](?!们)/u;

/** Whether a message speaks of someone other than the speaker: a kin word or "他/她" ("俺爹的鉴定约的哪天", "他定的是哪天来着"). */
export const aboutSomeoneElse = (text: string): boolean => {
  const said = text.replace(/\s+/gu, '');
  return RELATIVE_MENTION.test(said) || THIRD_PERSON.test(said);
};

/** A text without its kin words ("我替我姑姑办个护理补贴" -> "我替我办个护理补贴"): what is asked, whoever it is for. */
export const withoutKin = (text: string): string => text.replace(ALL_KIN, '');

/** What is left of "她是我外婆", "我是他孙子" once the kin and the pronouns are out: nothing. */
const KIN_FILLER = /[我俺咱他她您你是的家那个这就呀啊哦呢吧]|们/gu;

/**
 * Whether a message only says how the speaker and the applicant are related ("她是我外婆",
 * "我是她孙子", "外婆"): no answer to a step about anything else, nor a name, nor a question.
 */
export function saysOnlyKin(text: string): boolean {
  const said = text.replace(/[\s\p{P}]+/gu, '');
  return RELATIVE_MENTION.test(said) && !said.replace(ALL_KIN, '').replace(KIN_FILLER, '');
}

/** The label the product keeps for a kind of kin, among the labels a question offers. */
export function kinLabel(kin: Kin, labels: readonly string[]): string {
  const wanted: Record<Kin, string[]> = {
    parent: ['父母'],
    child: ['子女'],
    spouse: ['配偶'],
    sibling: ['兄弟姐妹', '其他近亲属'],
    // Grandparents and grandchildren are 近亲属 in law.
    grandparent: ['其他近亲属', '其他亲属'],
    grandchild: ['其他近亲属', '其他亲属'],
    otherKin: ['其他亲属'],
    notKin: [],
    guardian: ['法定监护人'],
    committee: ['村（居）委会或民政部门'],
  };
  const label = wanted[kin].find((l) => labels.includes(l));
  if (label) return label;
  // The catch-all: the last label, or the one before an organisation's.
  return labels[labels.length - 1] === '村（居）委会或民政部门' ? labels[labels.length - 2] : labels[labels.length - 1];
}
