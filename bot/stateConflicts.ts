import type { BotState, TurnContext } from 'botbuilder';
import { ETagConflictError } from '../data/versionedStorage.js';

/** How often a turn that has sent nothing is run again on fresh state before giving up. */
const MAX_RERUNS = 2;

/**
 * Runs a turn whose state saves (VersionedConversationState, VersionedUserState) may meet a
 * lost update (another turn of the same conversation saved first: the storage refuses the
 * stale eTag). Nothing is overwritten: if the turn has not
 * sent anything yet it is run again on freshly loaded state; otherwise, or when it keeps
 * conflicting, `report` tells the user their message was not recorded.
 */
export async function runGuardingState(
  context: TurnContext,
  states: BotState[],
  turn: () => Promise<void>,
  report: (err: ETagConflictError) => Promise<void>,
): Promise<void> {
  for (let run = 0; ; run++) {
    try {
      await turn();
      return;
    } catch (err) {
      if (!(err instanceof ETagConflictError)) throw err;
      if (context.responded || run >= MAX_RERUNS) {
        await report(err);
        return;
      }
      for (const state of states) await state.load(context, true);
    }
  }
}

