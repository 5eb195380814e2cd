import type { TurnContext } from 'botbuilder';

const OUTCOME = Symbol('turnOutcome');

export type TurnOutcome = Record<string, string | number | boolean | string[]>;

/** What a turn did (intent, entry, score), for the one log line the turn writes. */
export function setTurnOutcome(context: TurnContext, outcome: TurnOutcome): void {
  context.turnState.set(OUTCOME, { ...getTurnOutcome(context), ...outcome });
}

export function getTurnOutcome(context: TurnContext): TurnOutcome {
  return (context.turnState.get(OUTCOME) as TurnOutcome | undefined) ?? {};
}
