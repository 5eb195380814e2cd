/**
 * The disability category a description names, in the words people use: "中风" and "走路不方便"
 * are 肢体, "看不见" 视力, "说不清话" 言语, "脑子不好" 智力. Checked in this order (the first that
 * fits wins); whether it is right is for the person to confirm and the hospital to appraise.
 */
export const CATEGORY_DESCRIPTIONS: [category: string, words: RegExp][] = [
  ['多重', /多重|好几种|多种残疾/],
  ['视力', /视力|眼睛|眼|看不见|看不清|失明|盲|瞎/],
  ['听力', /听力|耳朵|耳聋|聋|听不见|听不清|耳背/],
  // Before 言语: "孩子自闭，不爱说话" is autism, which is graded as 精神 (not speech).
  ['精神', /精神|自闭|孤独症|抑郁|精神分裂|不理人|不看人|不(?:和|跟)人(?:交流|说话|玩)|刻板/],
  ['言语', /言语|说话|说不清|说不出|语言|不会说|哑|口吃|结巴/],
  ['肢体', /肢体|腿脚不方便|腿脚不好|走路不方便|走不了路|走路|腿脚|腿|脚|胳膊|手脚|截肢|瘫|偏瘫|中风|行动不便|轮椅/],
  // A child slow to learn or to follow at school is most often appraised as 智力.
  ['智力', /智力|智障|脑瘫|弱智|唐氏|脑子|痴呆|学东西慢|学得慢|学不会|跟不上|反应慢|反应迟钝|发育迟缓|发育落后|理解能力差|智商/],
];

/**
 * The category a text describes, if any: two described ("中风了…说话也不利索") are 多重. The words
 * of each category found are taken out before the next is looked for ("脑瘫" is one), and an
 * autism described ("自闭，不爱说话") is 精神 whatever it says of speech.
 */
export function categoryDescribed(text: string): string | undefined {
  const found: string[] = [];
  let rest = text;
  for (const [category, words] of CATEGORY_DESCRIPTIONS) {
    if (category === '言语' && found.includes('精神')) continue;
    if (!words.test(rest)) continue;
    found.push(category);
    rest = rest.replace(new RegExp(words.source, 'g'), ' ');
  }
  return found.length > 1 ? '多重' : found[0];
}
