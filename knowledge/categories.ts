/**
 * The disability category a description names, in the words people use: "中风" and "走路不方便"
 * are 肢体, "看不见" 视力, "说不清话" 言语, "脑子不好" 智力. Checked in this order (the first that
 * fits wins); whether it is right is for the person to confirm and the hospital to appraise.
 */
export const CATEGORY_DESCRIPTIONS: [category: string, words: RegExp][] = [
  ['多重', /多重|好几种|多种残疾|(?:两个|两样|两种|几样|几种)都有/],
  ['视力', /视力|眼睛|眼|看不见|看不清|失明|盲|瞎/],
  ['听力', /听力|耳朵|耳聋|聋|听不见|听不清|耳背|失聪/],
  // Before 言语: "孩子自闭，不爱说话" is autism, which is graded as 精神 (not speech). 疯病, 神经病: what
  // country people call a mental illness.
  ['精神', /精神|自闭|孤独症|抑郁|精神分裂|不理人|不看人|不(?:和|跟)人(?:交流|说话|玩)|刻板|疯|癫狂|神经病/],
  ['言语', /言语|说话|说不清|说不出|说不了话|语言|不会说|哑|口吃|结巴/],
  ['肢体', /肢体|腿脚不方便|腿脚不好|走路不方便|走不了路|走路|腿脚|腿|脚|胳膊|手脚|截肢|(?<!脑)瘫|偏瘫|中风|行动不便|轮椅/],
  // A child slow to learn or to follow at school is most often appraised as 智力, and so is an old
  // person gone muddled (糊涂: dementia, "老年痴呆评智力或精神残疾").
  ['智力', /智力|智障|脑瘫|弱智|唐氏|脑子|不灵光|痴呆|糊涂|学东西慢|学得慢|学不会|跟不上|反应慢|反应迟钝|发育迟缓|发育落后|理解能力差|智商/],
];

/** Two categories or more in one person. */
export const MULTIPLE = '多重';

/** Every category a text describes, in the table's order. */
function categoriesDescribed(text: string): string[] {
  const found = CATEGORY_DESCRIPTIONS.filter(([, words]) => words.test(text)).map(([category]) => category);
  // Not talking goes with autism or a slow mind ("孩子自闭，不爱说话"): part of that one, not a second.
  return found.includes('精神') || found.includes('智力') ? found.filter((c) => c !== '言语') : found;
}

// Words that say one person has both ("又聋又瞎", "说话也不利索", "眼睛耳朵都不行"); without them two
// categories are usually a list to choose from ("智力、精神残疾要交病历吗"), and 还是 asks which ("智力还是精神").
const BOTH = /又|也|还(?!是)|加上|都不|都有|两样|两种|既|同时|而且/;
/** Whether a text says of one person that they have this as well ("她还说不了话"). */
export const saysBoth = (text: string) => BOTH.test(text);

/**
 * The category a text describes, if any: two different ones said of one person are 多重
 * ("又聋又瞎", "中风了 半边身子动不了 说话也不利索"), graded by the most severe.
 */
export function categoryDescribed(text: string): string | undefined {
  const found = categoriesDescribed(text);
  return found.length > 1 && BOTH.test(text) ? MULTIPLE : found[0];
}

// A description said as one more ("腿也不好", "还有眼睛看不清"): "视力的也在那吗" asks of another category instead.
const AS_WELL = CATEGORY_DESCRIPTIONS.map(([category, words]): [string, RegExp] => [
  category,
  new RegExp(`(?:还有|加上|而且|并且|同时)(?:${words.source})|(?:${words.source})(?:也|又)`),
]);

/** The category a text adds to one said before ("腿也不好" after "我耳朵听不见"), if it adds one. */
export function categoryAdded(text: string): string | undefined {
  return AS_WELL.find(([, words]) => words.test(text))?.[0];
}
