import type { TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Decision } from '../knowledge/ranking.js';

export type Decide = (query: string, top?: number) => Decision;

const DECISIONS = Symbol('kbDecisions');

/**
 * The knowledge base's `decide` for one turn, each text and depth ranked once: the greeting
 * check, the routing and the answer ask about the same message, and ranking is most of a
 * turn's CPU. Kept in the turn's state, so never shared between turns or people. Decisions are
 * read, never changed, by whoever asks for them.
 */
export function turnDecide(context: TurnContext, kb: KnowledgeBase): Decide {
  let decisions = context.turnState.get(DECISIONS) as Map<string, Decision> | undefined;
  if (!decisions) context.turnState.set(DECISIONS, (decisions = new Map()));
  const kept = decisions;
  return (query, top = 3) => {
    const key = `${top}\u0000${query}`;
    let decision = kept.get(key);
    if (!decision) kept.set(key, (decision = kb.decide(query, top)));
    return decision;
  };
}
