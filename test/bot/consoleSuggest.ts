import { registerAgent } from '../../bot/routes/agent.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { serveRoutes, shippedKnowledge } from '../support.js';

/** What /api/agent/suggest answers. */
export interface Suggested {
  decision: string;
  entryId?: string;
  answered: boolean;
  followUp: boolean;
  query: string;
  suggestions: { id: string; answer: string }[];
}

/**
 * The console's suggestions served for the describe block it is called in, as the app serves them
 * (SMS on): `suggest(...questions)` gives those for the last question, the earlier ones sent as the
 * call's context.
 */
export function consoleSuggest(kb: KnowledgeBase = shippedKnowledge().kb): (...questions: string[]) => Promise<Suggested> {
  let served: Awaited<ReturnType<typeof serveRoutes>>;
  before(async () => {
    served = await serveRoutes((server) => registerAgent(server, kb, true));
  });
  after(() => served.close());
  return async (...questions) => {
    const context = questions.slice(0, -1).map((c) => `&context=${encodeURIComponent(c)}`).join('');
    const q = encodeURIComponent(questions.at(-1)!);
    return (await (await fetch(`${served.base}/api/agent/suggest?q=${q}&top=3${context}`)).json()) as Suggested;
  };
}
