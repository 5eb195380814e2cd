import { Converter } from 'opencc-js/t2cn';

// Traditional (Taiwan/Hong Kong forms included) to Simplified, as used in mainland answers.
const toSimplified = Converter({ from: 'tw', to: 'cn' });
const toSimplifiedHk = Converter({ from: 'hk', to: 'cn' });

/**
 * Folds what should not change meaning: full-width forms (NFKC), Traditional characters,
 * letter case, punctuation and symbols, runs of spaces.
 */
export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  return toSimplifiedHk(toSimplified(folded))
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}
