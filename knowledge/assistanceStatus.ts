// What a message says of the household's social assistance: 低保, and 特困 and 五保 beside it. One
// reading for the ranking, the knowledge base and the form's items step.

/** Social assistance named at all. */
export const ASSISTANCE = /低保|特困|五保/u;

const KIND = '(?:低保|特困|五保)';

/** Said of oneself, being on it ("我是低保户", "家里吃着低保"): the scene of a subsidy question, cut out to read what is asked. */
export const ON_ASSISTANCE = new RegExp(`(?:是|属于|享受着?|吃着?|领着?|有)${KIND}(?:户|家庭|对象|人员|证)?(?:的)?`, 'gu');

/** Said not to be on it, or no longer ("不是低保户", "没吃上低保", "退出低保", "低保边缘户"). */
export const OFF_ASSISTANCE = new RegExp(`(?:不是|不算|不属于|没有?|没吃上?|没享受|不吃|退出|退了)${KIND}(?:户|家庭)?|低保边缘`, 'u');
