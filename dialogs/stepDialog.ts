import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ChoiceOption } from './choices.js';
import { messageWithButtons } from './replies.js';

/**
 * A short multi-turn dialog that keeps its own state object: `ask` stores the state and sends
 * one question with its buttons, `end` sends a last message and hands back to the router.
 */
export abstract class StepDialog<State extends object, Options extends object = object> extends Dialog<Options> {
  protected async ask(dc: DialogContext, state: State, message: string, options: ChoiceOption<unknown>[] = []): Promise<DialogTurnResult> {
    // The dialog is on top of the stack from beginDialog on: its state is the instance's.
    dc.activeDialog!.state = state;
    await dc.context.sendActivity(messageWithButtons(message, options.map((o) => o.label)));
    return Dialog.EndOfTurn;
  }

  protected async end(dc: DialogContext, message: string): Promise<DialogTurnResult> {
    await dc.context.sendActivity(messageWithButtons(message));
    return dc.endDialog();
  }
}
