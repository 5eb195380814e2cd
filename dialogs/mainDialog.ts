import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { APPLICATION_DIALOG, ApplicationDialog, isApplyIntent, type ApplicationDeps } from './application/applicationDialog.js';
import { BOOKING_DIALOG, BookingDialog, recognizeBookingIntent, type BookingDeps } from './booking/bookingDialog.js';
import { recognizeCommand } from './commands.js';
import { STATUS_ACTIONS, STATUS_DIALOG, StatusDialog, type StatusAction, type StatusDeps } from './status/statusDialog.js';
import type { PolicyAnswers } from './policyAnswers.js';
import { text, type Hotlines } from './text/index.js';
import { setTurnOutcome } from './turnOutcome.js';

const ROUTE = 'route';

/** "我的申请到哪一步了", "办得怎么样了": the applicant asking about their own case. */
function isProgressQuestion(input: string): boolean {
  const folded = input.replace(/\s+/g, '');
  return /(我的|我家的|我们的)?(申请|案件|证|事).{0,6}(到哪一步|到哪了|办到哪|怎么样了|进度|有结果了吗|批下来了吗)/.test(folded) && !/怎么查|如何查/.test(folded);
}

/**
 * Routes each free-text turn: a reply to the previous message's buttons, a command, or else a
 * policy question for the knowledge base.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly answers: PolicyAnswers,
    private readonly hotlines: Hotlines,
    application: Omit<ApplicationDeps, 'answers'>,
    booking: BookingDeps,
    status: StatusDeps,
  ) {
    super('mainDialog');
    this.addDialog(new StatusDialog(status));
    this.addDialog(new ApplicationDialog({ ...application, answers }));
    this.addDialog(new BookingDialog(booking));
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), async (step) => step.endDialog()]));
    this.initialDialogId = ROUTE;
  }

  /** Continues the active dialog or starts routing, as the samples' `run` helper does. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext) {
    const context = step.context;
    const input = (context.activity.text ?? '').trim();
    const command = recognizeCommand(input);
    const meant = (await this.answers.offeredQuestion(context, input)) ?? input;
    const statusAction = STATUS_ACTIONS.find((a) => a === command) ?? (isProgressQuestion(meant) ? 'progress' : undefined);
    if (statusAction) {
      await this.answers.clearOffer(context);
      return step.beginDialog(STATUS_DIALOG, { action: statusAction as StatusAction });
    }
    // Booking first: "我要申请上门鉴定" is a booking request, not a new application.
    const booking = recognizeBookingIntent(meant);
    if (booking) {
      setTurnOutcome(context, { outcome: `booking-start-${booking}` });
      await this.answers.clearOffer(context);
      return step.beginDialog(BOOKING_DIALOG, { action: booking, text: meant });
    }
    if (command === 'resume' || isApplyIntent(meant)) {
      setTurnOutcome(context, { outcome: 'application-start' });
      await this.answers.clearOffer(context);
      return step.beginDialog(APPLICATION_DIALOG, { resume: command === 'resume' });
    }
    if (await this.answers.handleOfferedChoice(context, input)) return step.endDialog();
    if (command) setTurnOutcome(context, { outcome: 'command', command });
    switch (command) {
      case 'help':
        await this.answers.sendMenu(context, text.help(this.hotlines));
        break;
      case 'human':
        await this.answers.handoff(context);
        break;
      case 'restart':
        await this.answers.restart(context);
        break;
      default:
        await this.answers.answer(context, input);
    }
    return step.endDialog();
  }
}
