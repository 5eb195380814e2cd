/**
 * Whether the bot may answer by itself, read off the ranking rather than its top score alone:
 * a logistic model over a few features of the ranking, fitted offline (`npm run fit:decision`)
 * on k-fold held-out wordings of the knowledge base, never on the question sets.
 */
export interface ConfidenceFeatures {
  /** The best answer's blended score. */
  score: number;
  /** Its lead over the next answer. */
  lead: number;
  /** Its lead over the first answer that gives a different fact (siblings saying the same do not count). */
  factLead: number;
  /** The linear model's probability for the best answer. */
  probability: number;
  /** 1 when the linear model and the blend put the same entry first. */
  agree: number;
  /** BM25's score for the best answer: the share of the query's weight its wordings hold. */
  lexical: number;
  /** 1 when the blend's best answer holds BM25's best score (others may hold it too). */
  lexicalAgree: number;
  /** Share of the query's weight carried by words the knowledge base uses. */
  coverage: number;
  /** The best out-of-scope (decline) entry's score relative to the best answer's. */
  decline: number;
  /** 1 for a query of one meaningful word. */
  oneWord: number;
  /** `factLead` as a share of the best score: a long question scores low on every entry, yet one can lead it clearly. */
  relativeLead: number;
  /** What is asked (where, how much...): 1 when the best answer answers it and the best different fact does not, -1 the other way round. */
  intentLead: number;
  /** 1 when the question names a category or item the best answer is not about, while it is about another. */
  slotConflict: number;
}

export const FEATURES = ['score', 'lead', 'factLead', 'probability', 'agree', 'lexical', 'lexicalAgree', 'coverage', 'decline', 'oneWord', 'relativeLead', 'intentLead', 'slotConflict'] as const satisfies readonly (keyof ConfidenceFeatures)[];

export interface ConfidenceModel {
  weights: Record<keyof ConfidenceFeatures, number>;
  bias: number;
  /** Estimated probability of a right answer from which the bot answers by itself. */
  answerAt: number;
}

/** Estimated probability that the best answer is right. */
export function confidence(model: ConfidenceModel, x: ConfidenceFeatures): number {
  let z = model.bias;
  for (const f of FEATURES) z += model.weights[f] * x[f];
  return 1 / (1 + Math.exp(-z));
}

export interface LabelledRanking {
  features: ConfidenceFeatures;
  /** Whether the best answer gives the right fact (false for every out-of-scope question). */
  right: boolean;
  outOfScope: boolean;
}

/**
 * Fits the weights by Newton's method on the log loss with a little L2 (ten features and a few
 * thousand rankings: a few milliseconds). `answerAt` is left to the caller.
 */
export function fitConfidence(data: LabelledRanking[], l2 = 1e-2): Omit<ConfidenceModel, 'answerAt'> {
  const d = FEATURES.length + 1;
  const rows = data.map(({ features }) => [...FEATURES.map((f) => features[f]), 1]);
  const w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 30; iteration++) {
    const gradient = w.map((v) => l2 * v);
    const hessian = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? l2 : 0)));
    rows.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((z, v, i) => z + v * w[i], 0)));
      const error = p - (data[n].right ? 1 : 0);
      for (let i = 0; i < d; i++) {
        gradient[i] += error * x[i];
        for (let j = 0; j < d; j++) hessian[i][j] += p * (1 - p) * x[i] * x[j];
      }
    });
    const step = solve(hessian, gradient);
    step.forEach((s, i) => (w[i] -= s));
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const weights = Object.fromEntries(FEATURES.map((f, i) => [f, round(w[i])])) as ConfidenceModel['weights'];
  return { weights, bias: round(w[d - 1]) };
}

/** Solves a x = b by Gaussian elimination with partial pivoting (a is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * The lowest threshold at which at most `wrong` of the rankings whose best answer is not right
 * (a wrong entry, or any entry for an out-of-scope question) are still answered: the model
 * answers as many right ones as it can without answering more wrongly than the rule it replaces.
 */
export function thresholdFor(model: Omit<ConfidenceModel, 'answerAt'>, data: LabelledRanking[], wrong: number): number {
  const notRight = data
    .filter((d) => !d.right)
    .map((d) => confidence({ ...model, answerAt: 0 }, d.features))
    .sort((a, b) => b - a);
  const above = notRight[Math.max(0, wrong)] ?? 0;
  return (Math.floor(above * 1000) + 1) / 1000;
}
