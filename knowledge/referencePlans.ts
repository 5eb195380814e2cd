// The reform plans the knowledge base's facts come from (../shared/policy-facts.md: Suqian, Pingyuan,
// Henan, Lushan, Jinshi): their examples are answered ("平原县一张表能办几件事"), not declined.
export const REFERENCE_PLANS = ['宿迁', '平原县', '河南', '庐山', '鲁山', '津市'];

/** A plan's place as people name it (平原, not only 平原县). */
export const placeWord = (plan: string): string => plan.replace(/县$/u, '');
