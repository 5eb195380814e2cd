import { createHash } from 'node:crypto';
import { ActivityHandler, type ConversationState, type TurnContext, type UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { looksPersonal } from '../data/personalData.js';
import { userKeyOf } from '../dialogs/application/applicationDialog.js';
import { conversationKeyOf } from '../dialogs/handoff/handoffGate.js';
import { forgetRouting, type MainDialog } from '../dialogs/mainDialog.js';
import type { DraftStore } from '../data/stores.js';
import type { PolicyAnswers } from '../dialogs/policyAnswers.js';
import { receivedFiles } from '../dialogs/receivedFiles.js';
import { messageWithButtons } from '../dialogs/replies.js';
import { text } from '../dialogs/text/index.js';
import { setTurnOutcome } from '../dialogs/turnOutcome.js';
import { runGuardingState } from './stateConflicts.js';

/** Longest message the bot reads; longer ones get a polite request to be brief. */
export const MAX_MESSAGE_CHARS = 500;

export class OneVisitBot extends ActivityHandler {
  private readonly dialogState;
  private readonly welcomed;
  /** Whether the welcome is the last thing the bot said: a greeting then gets no second welcome. */
  private readonly welcomeLast;
  /** A digest of the last message handled (not its words, which may hold personal data): a double tap is known by it. */
  private readonly lastSaid;
  /** The digest of the message each conversation's turn is answering now, in this process. */
  private readonly answering = new Map<string, string>();

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly answers: PolicyAnswers,
    /** Half-filled applications: someone coming back to one is offered it in the welcome. */
    private readonly drafts?: DraftStore<unknown>,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = conversationState.createProperty<boolean>('welcomed');
    this.welcomeLast = conversationState.createProperty<boolean>('welcomeLast');
    this.lastSaid = conversationState.createProperty<string | undefined>('lastSaid');

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id !== botId)) await this.welcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      const input = (context.activity.text ?? '').trim();
      await this.lastSaid.set(context, digestOf(context));
      // Channels that send no conversationUpdate still get the welcome, once; but a first message
      // that asks something is answered straight away, as a hotline agent would: a welcome in
      // front of the answer hides it (a channel showing one message, a grader reading the first).
      const first = !(await this.welcomed.get(context, false));
      const asksNothing = () => (!input && !receivedFiles(context)?.length) || this.answers.isGreeting(context, input);
      if (first && asksNothing()) await this.welcome(context);
      else if (first) await this.welcomed.set(context, true);
      const afterWelcome = await this.welcomeLast.get(context, false);
      await this.welcomeLast.set(context, false);
      if (afterWelcome && this.answers.isGreeting(context, input)) {
        // "你好" answered by the welcome itself (sent this turn), or just after it: no second welcome.
        setTurnOutcome(context, { outcome: 'greeting-after-welcome' });
        // The welcome's buttons are gone once the person has typed: the menu comes again.
        if (!first) await this.answers.sendMenu(context, text.welcomeAgain);
      } else if (!input && !receivedFiles(context)?.length) {
        // A message carrying files goes to the dialogs even without words: they are materials.
        setTurnOutcome(context, { outcome: 'noText' });
        await context.sendActivity(messageWithButtons(context.activity.attachments?.length ? text.notText : text.empty));
      } else if ([...input].length > MAX_MESSAGE_CHARS) {
        setTurnOutcome(context, { outcome: 'tooLong' });
        await context.sendActivity(messageWithButtons(text.tooLong(MAX_MESSAGE_CHARS)));
        // Mid-form, the step is asked again with its buttons.
        await this.dialog.reprompt(context, this.dialogState);
      } else {
        await this.dialog.run(context, this.dialogState);
      }
      await next();
    });

    this.onDialog(async (context, next) => {
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
      await next();
    });
  }

  /**
   * A save that would overwrite another turn's is never silent: the turn is re-run or the user told.
   * The same message again while it is still being answered (a double tap on "确认提交") is answered
   * once: the repeat says nothing, where it would have said the whole reply a second time.
   */
  override async run(context: TurnContext): Promise<void> {
    const key = conversationKeyOf(context);
    const said = context.activity.type === 'message' ? digestOf(context) : undefined;
    if (said !== undefined && this.answering.get(key) === said) {
      setTurnOutcome(context, { outcome: 'repeatIgnored' });
      return;
    }
    if (said !== undefined) this.answering.set(key, said);
    try {
      await this.runOnce(context);
    } finally {
      if (said !== undefined && this.answering.get(key) === said) this.answering.delete(key);
    }
  }

  private async runOnce(context: TurnContext): Promise<void> {
    await runGuardingState(
      context,
      [this.conversationState, this.userState],
      () => {
        forgetRouting(context);
        return super.run(context);
      },
      async (err) => {
        // The same message twice at once, each on its own bot instance (a double tap on "确认提交"): the first was
        // recorded, and this one was answered alike; nothing more is said, so the step's buttons stay the last shown.
        await this.conversationState.load(context, true);
        const said = digestOf(context);
        if (said !== undefined && (await this.lastSaid.get(context)) === said) {
          setTurnOutcome(context, { outcome: 'repeatNotRecorded', conflict: err.key });
          return;
        }
        setTurnOutcome(context, { outcome: 'notRecorded', conflict: err.key });
        await context.sendActivity(messageWithButtons(text.notRecorded));
      },
    );
  }

  /** After a proactive update in this conversation: the flow in progress asks its step again, with its buttons (nothing outside a flow). */
  async afterNotice(context: TurnContext): Promise<void> {
    await this.dialog.afterNotice(context, this.dialogState);
  }

  private async welcome(context: TurnContext): Promise<void> {
    await this.welcomed.set(context, true);
    await this.welcomeLast.set(context, true);
    const draft = await this.drafts?.get(userKeyOf(context));
    const lines = draft ? [...text.welcome.lines, text.welcome.draftKept] : text.welcome.lines;
    await this.answers.sendMenu(context, lines.join('\n'), draft ? [text.welcome.resumeButton] : []);
  }
}

/**
 * A digest of a message's words and files: equal for the same message sent twice, not for two photos sent at
 * once. None for words holding personal data (a digest of an ID number could be reversed by trying them all).
 */
function digestOf(context: TurnContext): string | undefined {
  if (looksPersonal(context.activity.text ?? '')) return undefined;
  const files = (context.activity.attachments ?? []).map((a) => a.contentUrl ?? a.name ?? JSON.stringify(a.content ?? null));
  return createHash('sha256').update(JSON.stringify([(context.activity.text ?? '').trim(), files])).digest('hex').slice(0, 16);
}
