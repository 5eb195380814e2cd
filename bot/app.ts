import type { CloudAdapter } from 'botbuilder';
import restify, { type Server } from 'restify';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../data/clock.js';
import { openStores, type Stores } from '../data/openStores.js';
import { addDays, generateSlots } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import { registerSlotAdmin } from './routes/slots.js';
import { CaseWorkflow } from './caseWorkflow.js';
import { DailyJobs } from './dailyJobs.js';
import { registerOverdueAdmin } from './routes/overdue.js';
import { registerOutboxAdmin } from './routes/outbox.js';
import { Notifier, parseQuietHours } from './notifier.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { issueToken, registerDirectLine } from './channels/directLine.js';
import { registerWebChat } from './web/webChat.js';
import { registerAgentConsole } from './routes/agentConsole.js';
import type { ApplicationDraft } from '../dialogs/application/applicationDialog.js';
import { registerCaseAdmin } from './routes/cases.js';
import { loadRegion, type Region } from '../data/region.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { PolicyAnswers, type KbConversationState } from '../dialogs/policyAnswers.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { createAdapter } from './adapter.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { pinLocale, reuseDialogStateConfiguration, turnLog } from './middleware.js';
import { OneVisitBot } from './oneVisitBot.js';
import { VersionedConversationState, VersionedUserState } from './versionedState.js';
import { registerKnowledgeAdmin } from './routes/admin.js';
import { registerAgent } from './routes/agent.js';
import { registerHealth } from './routes/health.js';
import { registerMessages } from './routes/messages.js';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
}

export interface App {
  server: Server;
  adapter: CloudAdapter;
  bot: OneVisitBot;
  kb: KnowledgeBase;
  region: Region;
  stores: Stores<ApplicationDraft>;
  workflow: CaseWorkflow;
  dailyJobs: DailyJobs;
  notifier: Notifier;
  /** Starts delivering the outbox and running the daily jobs on their schedule (npm start). */
  startScheduler(): void;
  /** Starts listening; resolves to the base URL actually bound (port 0 picks a free one). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wires region, knowledge base, stores, bot and HTTP routes. Throws on bad content. */
export async function createApp({ config, logger = createLogger(), clock = systemClock }: AppOptions): Promise<App> {
  const region = loadRegion(config.regionFile);
  const kb = KnowledgeBase.load(config.knowledgeDir, region);
  const stores = await openStores<ApplicationDraft>(config, logger);
  const { storage, unanswered, feedback, cases, calls, drafts, slots, outbox, family, jobState } = stores;
  // Sessions for the booking window exist before anyone asks (staff see them in the admin API).
  const tomorrow = addDays(shanghaiDate(clock.now()), 1);
  await slots.ensureSlots(generateSlots(region, tomorrow, region.booking.weeksAhead * 7));

  const conversationState = new VersionedConversationState(storage);
  const userState = new VersionedUserState(storage);
  const answers = new PolicyAnswers(
    { kb, unanswered, feedback, clock, hotlines: region.hotlines },
    conversationState.createProperty<KbConversationState>('kb'),
  );
  const workflow = new CaseWorkflow({ cases, outbox, family, region, clock });
  const dailyJobs = new DailyJobs({ cases, slots, workflow, region, clock, logger });
  const dialog = new MainDialog(
    answers,
    region.hotlines,
    { drafts, cases, region, clock },
    { slots, cases, region, clock },
    { cases, family, workflow, region, clock },
  );
  const bot = new OneVisitBot(conversationState, userState, dialog, answers);
  const adapter = createAdapter(config, logger);
  const notifier = new Notifier({ adapter, outbox, clock, logger, appId: config.microsoftAppId, quietHours: parseQuietHours(config.quietHours) });
  let scheduler: Scheduler | undefined;
  adapter.use(turnLog(logger, clock));
  adapter.use(pinLocale);
  adapter.use(reuseDialogStateConfiguration());

  const server = restify.createServer({ name: 'onevisit' });
  registerHealth(server);
  registerMessages(server, adapter, bot, logger);
  registerAgent(server, kb);
  registerAgentConsole(server, { token: config.agentToken, feedback, cases, calls, clock, kb });
  registerKnowledgeAdmin(server, config.adminToken, { unanswered, feedback });
  registerCaseAdmin(server, config.adminToken, cases, workflow);
  registerSlotAdmin(server, config.adminToken, slots);
  registerOutboxAdmin(server, config.adminToken, outbox);
  registerOverdueAdmin(server, config.adminToken, dailyJobs);
  let baseUrl = `http://${config.host}:${config.port}`;
  const directLine = registerDirectLine(server, {
    adapter,
    bot,
    secret: config.directLineSecret,
    store: stores.directLine,
    clock,
    publicBaseUrl: () => baseUrl,
    logger,
    appId: config.microsoftAppId,
  });
  registerWebChat(server, { issueToken: () => issueToken({ secret: config.directLineSecret, clock }), hotlines: region.hotlines });

  return {
    server,
    adapter,
    bot,
    kb,
    region,
    stores,
    workflow,
    dailyJobs,
    notifier,
    startScheduler: () => {
      scheduler ??= startScheduler({ notifier, schedule: config.notifySchedule, daily: dailyJobs.jobs(), clock, state: jobState, logger });
    },
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          baseUrl = `http://${host}:${port}`;
          resolve(baseUrl);
        });
      }),
    close: async () => {
      await scheduler?.stop();
      // Open Direct Line streams would keep the server from closing.
      directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
    },
  };
}
