import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { positionNotShown, type ChoiceOption } from './choices.js';
import { asksSomething } from '../knowledge/runOn.js';
import { recognizeCommand, type Command } from './commands.js';
import type { HandoffRequester } from './handoff/handoffGate.js';
import type { PolicyAnswers } from './policyAnswers.js';
import { receivedFiles } from './receivedFiles.js';
import { saysOnlyKin } from './kinship.js';
import { nonAnswer } from './nonAnswers.js';
import { messageWithButtons } from './replies.js';
import { text, type Hotlines } from './text/index.js';

/**
 * A step's verdict that the text is not an answer to it; `error` is said if it is no question
 * either. `attempt`: the text was a try at the answer (a number typed wrong), so the error is
 * said and the text never read as a question; `answer`: the step's own reply to a question
 * about itself ("为啥要身份证号"), said before the step is asked again.
 */
export class NotAnswered {
  constructor(
    readonly error?: string,
    /** `answer` says what the step knows of a question; `rest`, what else was asked, left to the knowledge base beside it. */
    readonly read: { attempt?: boolean; answer?: string; rest?: string } = {},
  ) {}
}
export type StepResult = DialogTurnResult | NotAnswered;

/** What every flow needs for its interruptions: policy answers, the hotlines and the hand-off to the desk. */
export interface FlowDeps {
  answers: PolicyAnswers;
  hotlines: Hotlines;
  handoff: HandoffRequester;
  /** "你们会打电话给我吗" from someone who can only type: the answer (no call, how they are reached), else undefined. */
  noCalls?: (context: TurnContext, input: string) => Promise<string | undefined>;
}

/** The main router: whether this turn's message starts another flow, and the dialog that routes it. */
export interface FlowRouter {
  id: string;
  startsFlow(context: TurnContext): Promise<boolean>;
}

const INTERRUPTIONS: readonly Command[] = ['help', 'cancel', 'back', 'human'];

/** Digits, spaces and dashes only: a try at a number, an ID or a date, never a question. */
const NUMBER_TRY = /^[\d\s\-—+()（）xX*#]+$/u;

/** The question a step last asked, kept so an interruption can ask it again. */
interface Asked {
  message: string;
  labels: string[];
}

/**
 * The base of every multi-turn flow (application, booking, status, family check, correction),
 * in the manner of the samples' CancelAndHelpDialog. Each turn, in this order: an interruption
 * (帮助, 取消, 返回, 人工) is handled; else the current step asks "is this a plausible answer
 * for me?"; a text it does not take is next asked "is this a question?": one the knowledge
 * base answers with confidence, or one that asks something in words (怎么, 谁, 吗, a "…不"
 * ending), is answered as well as the bot can and the step asked again; anything else gets the
 * step's own "not understood". So a step's answer is never taken for a question, nor a
 * question for a wrong answer.
 */
export abstract class FlowDialog<State extends object, Options extends object = object> extends Dialog<Options> {
  constructor(
    id: string,
    protected readonly flow: FlowDeps,
  ) {
    super(id);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = await this.load(dc);
    if (!state) return this.gone(dc);
    const input = (dc.context.activity.text ?? '').trim();
    const command = recognizeCommand(input);
    if (command && INTERRUPTIONS.includes(command)) return this.interrupt(dc, state, command);
    // "继续上次的申请" (after a reload) with the flow still open goes on from here, and is no wrong
    // answer; where a button itself means going on ("继续填" at a cancel), the step reads it.
    const shown = this.shownLabels(dc, state);
    if (command === 'resume' && !shown.some((label) => recognizeCommand(label) === 'resume')) return this.reprompt(dc, state, this.continuePrefix);
    if (!input && receivedFiles(dc.context)?.length && !this.takesFiles()) return this.reprompt(dc, state, `${text.upload.notNow}\n`);
    // "等会再说", "问问我儿子": read before the step, which might take them for a name.
    const non = nonAnswer(input);
    if (non === 'later') return this.pause(dc, state);
    if (non === 'askSomeone') return this.reprompt(dc, state, `${text.flow.askAround}\n`);
    if (non === 'wait') return this.reprompt(dc, state, `${text.flow.waiting}\n`);
    const result = await this.onStep(dc, state, input);
    if (!(result instanceof NotAnswered)) return result;
    // "9" with eight buttons: no such choice, said with the buttons again, never read another way.
    if (shown.length && positionNotShown(input, shown.length)) return this.notUnderstood(dc, state, text.flow.noSuchChoice(shown.length));
    if (result.read.answer) {
      await dc.context.sendActivity(messageWithButtons(result.read.answer));
      if (result.read.rest) await this.flow.answers.answerAside(dc.context, result.read.rest, 'asked', this.subject, this.conditionOf(state), this.appliesHere(state));
      return this.reprompt(dc, state, this.continuePrefix);
    }
    if (result.read.attempt) return this.notUnderstood(dc, state, result.error);
    // "不知道", "没有" that the step has no word for: no question, and no wrong answer either.
    if (non) return this.reprompt(dc, state, `${text.flow.notKnown}\n`);
    // "你好", "谢谢" mid-form: returned, and the step asked again (not "没听明白").
    const pleasantry = this.flow.answers.pleasantry(dc.context, input);
    if (pleasantry) return this.reprompt(dc, state, `${text.flow.pleasantries[pleasantry]}${this.continuePrefix}`);
    // "她是我外婆" at a step about something else: who asks for whom, heard, and the step asked again.
    if (saysOnlyKin(input)) return this.reprompt(dc, state, `${text.flow.kinNoted}\n`);
    const noCalls = await this.flow.noCalls?.(dc.context, input);
    if (noCalls) {
      await dc.context.sendActivity(messageWithButtons(noCalls));
      return this.reprompt(dc, state, this.continuePrefix);
    }
    const asks = asksSomething(input);
    // A mistyped number is a wrong answer, even where the knowledge base knows the number (12345).
    const aside = asks || !NUMBER_TRY.test(input);
    if (aside && (await this.flow.answers.answerAside(dc.context, input, asks ? 'asked' : 'said', this.subject, this.conditionOf(state), this.appliesHere(state)))) return this.reprompt(dc, state, this.continuePrefix);
    return this.notUnderstood(dc, state, result.error);
  }

  /**
   * For a step whose answer may parse out of a question (an item named in passing, an address
   * typed freely): a text that asks something is taken as the question, and the step asked
   * again, when the knowledge base is confident; at a `freeText` step (a name, an address),
   * where nothing asks, always.
   */
  protected async questionFirst(dc: DialogContext, state: State, input: string, freeText = false): Promise<DialogTurnResult | undefined> {
    if (!asksSomething(input) || !(await this.flow.answers.answerAside(dc.context, input, freeText ? 'asked' : 'confident', undefined, undefined, this.appliesHere(state)))) return undefined;
    return this.reprompt(dc, state, this.continuePrefix);
  }

  /** Whether a step reads files (the materials step); other flows ask their question again. */
  protected takesFiles(): boolean {
    return false;
  }

  /** Reads the text as the current step's answer, or says it is not one. */
  protected abstract onStep(dc: DialogContext, state: State, input: string): Promise<StepResult>;

  /** The flow's state for this turn; undefined ends the flow (its state is gone). */
  protected async load(dc: DialogContext): Promise<State | undefined> {
    return (dc.activeDialog!.state as { flow?: State }).flow;
  }

  /** The flow's state is gone (the flow ended elsewhere): hand back to the router. */
  protected gone(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog();
  }

  /** Asks the current step again, from outside the turn's dialog context (after a message too long to read). */
  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const asked = (instance.state as { asked?: Asked }).asked;
    if (asked) await context.sendActivity(messageWithButtons(asked.message, asked.labels));
  }

  /** The buttons the current step shows, numbered from 1. */
  protected shownLabels(dc: DialogContext, _state: State): string[] {
    return (dc.activeDialog!.state as { asked?: Asked }).asked?.labels ?? [];
  }

  /** Asks the current step's question again, after an interruption or an answered question. */
  protected async reprompt(dc: DialogContext, _state: State, prefix = ''): Promise<DialogTurnResult> {
    const asked = (dc.activeDialog!.state as { asked?: Asked }).asked;
    await dc.context.sendActivity(messageWithButtons(`${prefix}${asked?.message ?? ''}`, asked?.labels));
    return Dialog.EndOfTurn;
  }

  /** A text that is neither the step's answer nor a question: say so, with the step's buttons. */
  protected async notUnderstood(dc: DialogContext, state: State, error?: string): Promise<DialogTurnResult> {
    const asked = (dc.activeDialog!.state as { asked?: Asked }).asked;
    if (!error) return this.reprompt(dc, state);
    await dc.context.sendActivity(messageWithButtons(error, asked?.labels));
    return Dialog.EndOfTurn;
  }

  /**
   * What the flow is about, as a caller would name it ("办残疾证"): a bare question the step did
   * not take ("要多久", "在哪办") is read as about this when it is unclear on its own.
   */
  protected readonly subject: string = text.flow.subject;

  /** Whether the person is applying in this chat (the application form): answers say only this way of applying. */
  protected appliesHere(_state: State): boolean {
    return false;
  }

  /** The person's condition as this flow has heard it ("智力残疾"): where to be appraised is asked of it. */
  protected conditionOf(_state: State): string | undefined {
    return undefined;
  }

  protected get continuePrefix(): string {
    return text.flow.continueAfterAnswer;
  }

  /** What "帮助" says at a step; buttons are spoken of only where the step shows some. */
  protected helpText(_state: State, shown: string[]): string {
    return shown.length ? text.flow.help : text.flow.helpTyped;
  }

  /** Said after the hotlines on "人工" (the application: the draft is kept). */
  protected humanNote(_state: State): string {
    return '';
  }

  protected cancel(dc: DialogContext, _state: State): Promise<DialogTurnResult> {
    return this.end(dc, text.flow.cancelled);
  }

  /** "等会再说", "先不填了": the flow stops for now; one that keeps a draft says how to come back. */
  protected pause(dc: DialogContext, _state: State): Promise<DialogTurnResult> {
    return this.end(dc, text.flow.paused);
  }

  protected async back(dc: DialogContext, state: State): Promise<DialogTurnResult> {
    await dc.context.sendActivity(messageWithButtons(text.flow.nothingToGoBack));
    return this.reprompt(dc, state);
  }

  private async interrupt(dc: DialogContext, state: State, command: Command): Promise<DialogTurnResult> {
    switch (command) {
      case 'cancel':
        return this.cancel(dc, state);
      case 'back':
        return this.back(dc, state);
      case 'human': {
        // Queued for the desk; the flow goes on while the person waits.
        await this.flow.handoff.request(dc.context, 'asked');
        const note = this.humanNote(state);
        if (note) await dc.context.sendActivity(messageWithButtons(note));
        return this.reprompt(dc, state);
      }
      default:
        await dc.context.sendActivity(messageWithButtons(this.helpText(state, this.shownLabels(dc, state))));
        return this.reprompt(dc, state);
    }
  }

  /**
   * Stores the state and sends one question with its buttons. `repeat` is what is asked again
   * after an interruption, when the message carries more than the question (a case summary).
   */
  protected async ask(dc: DialogContext, state: State, message: string, options: ChoiceOption<unknown>[] = [], repeat = message): Promise<DialogTurnResult> {
    const labels = options.map((o) => o.label);
    // The dialog is on top of the stack from beginDialog on: its state is the instance's.
    dc.activeDialog!.state = { flow: state, asked: { message: repeat, labels } };
    await dc.context.sendActivity(messageWithButtons(message, labels));
    return Dialog.EndOfTurn;
  }

  /** Sends a last message and hands back to the router. */
  protected async end(dc: DialogContext, message: string): Promise<DialogTurnResult> {
    await dc.context.sendActivity(messageWithButtons(message));
    return dc.endDialog();
  }
}
