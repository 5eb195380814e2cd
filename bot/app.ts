import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { systemClock, type Clock } from '../data/clock.js';
import { openStores, type Stores } from '../data/openStores.js';
import { DEFAULT_UPLOAD_LIMITS } from '../data/files/inspectUpload.js';
import { addDays, generateSlots } from '../data/calendar.js';
import { shanghaiDate } from '../data/caseQuery.js';
import { registerSlotAdmin } from './routes/slots.js';
import { CaseUseCases } from '../cases/index.js';
import { DailyJobs } from './dailyJobs.js';
import { registerOverdueAdmin } from './routes/overdue.js';
import { registerPeopleAdmin } from './routes/people.js';
import { registerMaterialsAdmin } from './routes/materials.js';
import { Privacy } from '../cases/privacy.js';
import { registerOutboxAdmin } from './routes/outbox.js';
import { Notifier, parseQuietHours } from './notifier.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { issueToken, newConnectorSecret, registerDirectLine, resumeToken } from './channels/directLine.js';
import { keptSigningKey } from './channels/directLineTokens.js';
import { registerWebChat } from './web/webChat.js';
import { WECHAT_CHANNEL, WECHAT_PATH, WechatChannel, registerWechat, wechatApiParts } from './channels/wechat/index.js';
import { registerAgentConsole } from './routes/agentConsole.js';
import { registerAgentAccounts } from './routes/agentAccounts.js';
import { agentsServing, deskSnapshot, registerHandoffDesk } from './routes/handoffDesk.js';
import { DeskEvents } from './deskEvents.js';
import { Handoffs } from '../cases/handoffs.js';
import { Ratings } from '../cases/ratings.js';
import { HandoffGate } from '../dialogs/handoff/handoffGate.js';
import type { HandoffMessage } from '../data/handoffs.js';
import { AgentAuth } from './agentAuth.js';
import type { ApplicationDraft } from '../dialogs/application/applicationDialog.js';
import { registerCaseAdmin } from './routes/cases.js';
import { registerWindowCases } from './routes/windowCases.js';
import { loadRegion, type Region } from '../data/region.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { CheckedCase } from '../dialogs/status/familyChecks.js';
import { PolicyAnswers, type KbConversationState } from '../dialogs/policyAnswers.js';
import { statusTexts, text } from '../dialogs/text/index.js';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { FolderModelCache } from '../knowledge/modelCache.js';
import { DEFAULT_RANKING } from '../knowledge/ranking.js';
import { channelHeaders, createAdapter } from './adapter.js';
import { attachmentDownloads } from './attachmentDownloads.js';
import { attachmentPolicy } from './attachmentPolicy.js';
import type { Config } from './config.js';
import { createLogger, silentLogger, type Logger } from './logger.js';
import { ReplyTargets } from './replyTargets.js';
import { createWebServer } from './webServer.js';
import { pinLocale, reuseDialogStateConfiguration, turnLog, valueAsText } from './middleware.js';
import { OneVisitBot } from './oneVisitBot.js';
import { VersionedConversationState, VersionedUserState } from './versionedState.js';
import { adminGuard, registerKnowledgeAdmin } from './routes/admin.js';
import { registerFloodGuard } from './limits/floodGuard.js';
import { CredentialLockout } from './limits/lockout.js';
import { registerAgent } from './routes/agent.js';
import { registerHealth } from './routes/health.js';
import { registerMessages } from './routes/messages.js';
import { registerSmsCallbacks } from './routes/smsCallbacks.js';
import { SmsChannel } from './delivery/smsChannel.js';
import { TencentSms } from './delivery/tencentSms.js';
import { SMS_CHANNEL, type DeliveryChannel } from './delivery/channels.js';

const DAY_MS = 24 * 3600_000;
/** How long `close` lets requests in flight finish before closing their connections. */
const CLOSE_GRACE_MS = 3000;

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
  /** Every change of a case (cases/). */
  useCases: CaseUseCases;
  dailyJobs: DailyJobs;
  notifier: Notifier;
  /** The live hand-off to the desk (cases/). */
  handoffs: Handoffs;
  /** The agent consoles' live streams and who is on duty (on every instance). */
  desk: DeskEvents;
  /** The WeChat official-account channel, when configured. */
  wechat?: WechatChannel;
  /** Starts delivering the outbox and running the daily jobs on their schedule (npm start). */
  startScheduler(): void;
  /** Starts listening; resolves to the base URL actually bound (port 0 picks a free one). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wires region, knowledge base, stores, bot and HTTP routes. Throws on bad content. */
export async function createApp({ config, logger = config.logLevel === 'silent' ? silentLogger : createLogger(), clock = systemClock }: AppOptions): Promise<App> {
  const region = loadRegion(config.regionFile);
  // Trained once per content of the knowledge base: a restart with the same entries loads the model.
  const modelCache = new FolderModelCache(config.kbModelDir ?? join(config.dataDir, 'kb-model'));
  const kb = KnowledgeBase.load(config.knowledgeDir, region, { ...DEFAULT_RANKING, modelCache });
  const stores = await openStores<ApplicationDraft>(
    // Instances sharing a database must share these too (tokens, logins): a mismatch stops start-up.
    { ...config, sharedSecrets: { DIRECTLINE_SECRET: config.directLineSecret, ADMIN_TOKEN: config.adminToken } },
    logger,
  );
  const { storage, unanswered, feedback, cases, calls, drafts, slots, outbox, family, jobState } = stores;
  // Sessions for the booking window exist before anyone asks (staff see them in the admin API).
  const tomorrow = addDays(shanghaiDate(clock.now()), 1);
  await slots.ensureSlots(generateSlots(region, tomorrow, region.booking.weeksAhead * 7));

  const conversationState = new VersionedConversationState(storage);
  const userState = new VersionedUserState(storage);
  // The consoles watching the queue; the notifier is made further down, once the adapter is.
  let notifier: Notifier | undefined;
  const desk: DeskEvents = new DeskEvents((caller) => deskSnapshot({ store: stores.handoffs, events: desk, clock, ratings, handoffs }, caller), {
    signedIn: (caller) => agentAuth.stillSignedIn(caller),
    presence: stores.presence,
    clock,
    serving: async () => agentsServing(await stores.handoffs.list({ status: ['active'] })),
  });
  const ratings = new Ratings({ ratings: stores.ratings, outbox, calls, clock, region, texts: text.rating, deliverNow: (rows) => notifier?.deliverNow(rows) });
  const handoffs = new Handoffs({
    handoffs: stores.handoffs, outbox, calls, cases, region, clock, texts: text.handoff,
    onDuty: () => desk.onDuty(),
    quietMs: config.handoffQuietMinutes * 60_000,
    onChange: () => desk.changed(),
    deliverNow: (rows) => notifier?.deliverNow(rows),
    afterTalk: (h, phone, inTurn) => ratings.askAfterHandoff(h, phone, inTurn),
  });
  const handoffGate = new HandoffGate(handoffs, conversationState.createProperty<HandoffMessage[]>('recentMessages'), ratings, clock, region, async (userKey) => (await drafts.get(userKey))?.draft.values.phone);
  const answers = new PolicyAnswers(
    { kb, unanswered, feedback, clock, hotlines: region.hotlines, handoff: handoffGate, sms: config.sms.on },
    conversationState.createProperty<KbConversationState>('kb'),
  );
  const useCases = new CaseUseCases({
    cases, slots, outbox, family, files: stores.files, region, clock, texts: statusTexts, itemNames: text.application.itemNames,
    uploadLimits: { ...DEFAULT_UPLOAD_LIMITS, maxBytes: config.uploadMaxBytes },
    onSettled: (record, stage) => ratings.askForCase(record, stage),
    onRelayError: (err, caseNo) => logger.error('relay_failed', { caseNo, message: err instanceof Error ? err.message : String(err) }),
    sms: config.sms.on,
  });
  // Status updates a crash left inside cases go to the outbox before anything else happens.
  await relayLeftovers(useCases, logger);
  const quietHours = parseQuietHours(config.quietHours);
  const dailyJobs = new DailyJobs({ cases, slots, useCases, region, clock, logger, quietHours, sms: config.sms.on, wechat: stores.wechat, flood: stores.flood });
  const privacy = new Privacy({
    cases, drafts, family, files: stores.files, clock,
    chatState: storage, ratings: stores.ratings, handoffs: stores.handoffs, purge: stores.purgeErased && ((which) => stores.purgeErased!(which)),
  });
  const dialog = new MainDialog(
    answers,
    region.hotlines,
    { drafts, cases, useCases, region, clock, sms: config.sms.on },
    { slots, cases, useCases, region, clock, sms: config.sms.on },
    { cases, family, useCases, region, clock, checked: conversationState.createProperty<CheckedCase | undefined>('checkedCase') },
    { privacy, access: useCases.access, cases, family, clock },
    handoffGate,
  );
  const bot = new OneVisitBot(conversationState, userState, dialog, answers, drafts);
  let baseUrl = `http://${config.host}:${config.port}`;
  const directLineServiceUrl = () => `${baseUrl}/v3/directline`;
  const connectorSecret = newConnectorSecret();
  const adapter = createAdapter(config, logger, { serviceUrl: directLineServiceUrl, secret: connectorSecret });
  // WeChat turns run unsigned through the adapter, as Direct Line's do: only for an anonymous bot.
  const wechatSettings = config.wechat.on && !config.microsoftAppId ? config.wechat.settings : undefined;
  const wechatApi = wechatSettings && wechatApiParts(wechatSettings, { store: stores.wechat, clock });
  const wechatServiceUrl = () => `${baseUrl}${WECHAT_PATH}`;
  notifier = new Notifier({
    adapter, outbox, clock, logger, appId: config.microsoftAppId, quietHours,
    sharedDirectLine: stores.shared ? directLineServiceUrl : undefined,
    channels: { ...deliveryChannels(config, stores, clock, logger), ...(wechatApi ? { [WECHAT_CHANNEL]: wechatApi.delivery } : {}) },
    fallbackAfterMs: config.chatFallbackMinutes * 60_000,
    relaysUnderWay: () => useCases.relay.settled(),
    afterNotice: (context) => bot.afterNotice(context),
  });
  let scheduler: Scheduler | undefined;
  adapter.use(valueAsText);
  adapter.use(turnLog(logger, clock));
  adapter.use(pinLocale);
  adapter.use(reuseDialogStateConfiguration());
  // Every channel's files are fetched before the dialogs run, so a dialog sees bytes, never a URL.
  adapter.use(
    attachmentDownloads(
      attachmentPolicy({
        maxBytes: config.uploadMaxBytes,
        allowedServiceUrls: config.allowedServiceUrls,
        directLineServiceUrl,
        connectorSecret,
        channelHeaders: channelHeaders(config),
        wechat: wechatApi && { serviceUrl: wechatServiceUrl, isMediaUrl: (url) => wechatApi.api.isMediaUrl(url), withToken: (url) => wechatApi.api.withToken(url) },
      }),
    ),
  );

  const server = createWebServer();
  const flood = config.floodLimits && registerFloodGuard(server, config.floodLimits, stores.flood, clock);
  // One count of wrong credentials for all routes, so no route can be used to guess past another's lockout.
  const lockout = new CredentialLockout(clock);
  const admin = adminGuard(config.adminToken, lockout);
  registerHealth(server);
  registerMessages(server, { adapter, bot, logger, replyTargets: config.microsoftAppId ? undefined : new ReplyTargets(config.allowedServiceUrls), flood });
  const wechat =
    wechatSettings && wechatApi
      ? new WechatChannel({ settings: wechatSettings, adapter, bot, store: stores.wechat, api: wechatApi.api, clock, logger, texts: text.wechat, serviceUrl: wechatServiceUrl, ...(flood ? { flood } : {}) })
      : undefined;
  registerWechat(server, config.wechat, wechat, logger);
  registerAgent(server, kb, config.sms.on);
  const agentAuth = new AgentAuth(stores.agents, clock, lockout, (tokenHash) => desk.signedOut(tokenHash));
  registerAgentConsole(server, { auth: agentAuth, feedback, cases, access: useCases.access, calls, clock, region, kb });
  registerAgentAccounts(server, admin, stores.agents, clock);
  registerHandoffDesk(server, { auth: agentAuth, handoffs, store: stores.handoffs, events: desk, clock, ratings });
  registerKnowledgeAdmin(server, admin, { unanswered, feedback });
  registerCaseAdmin(server, admin, cases, useCases.workflow);
  registerWindowCases(server, admin, { smsOn: config.sms.on, cases, submission: useCases.submission, region, clock });
  registerSlotAdmin(server, admin, slots);
  registerOutboxAdmin(server, admin, outbox);
  registerOverdueAdmin(server, admin, dailyJobs);
  registerPeopleAdmin(server, admin, privacy);
  registerMaterialsAdmin(server, admin, useCases.materials);
  registerSmsCallbacks(server, { store: stores.sms, calls: stores.calls, token: config.sms.on ? config.sms.config.callbackToken : undefined, lockout, clock, logger });
  // Without a secret, an embedded server keeps its token key in the data folder, so a restart leaves open pages connected.
  const keptKey = !config.directLineSecret && config.store === 'lowdb' ? keptSigningKey(config.dataDir) : undefined;
  const directLine = registerDirectLine(server, {
    adapter,
    bot,
    secret: config.directLineSecret,
    keptKey,
    connectorSecret,
    store: stores.directLine,
    clock,
    publicBaseUrl: () => baseUrl,
    logger,
    appId: config.microsoftAppId,
    lockout,
    uploadMaxBytes: config.uploadMaxBytes,
  });
  const tokens = { secret: config.directLineSecret, keptKey, clock, store: stores.directLine };
  registerWebChat(server, {
    issueToken: (userId) => issueToken(tokens, userId ? { id: userId } : undefined),
    resumeToken: (userId, conversationId) => resumeToken(tokens, { id: userId }, conversationId, config.webchatResumeDays * DAY_MS),
    hotlines: region.hotlines,
    resumeDays: config.webchatResumeDays,
  });
  // Many instances on one transcript: an append on any of them wakes the streams open on this one.
  const stopWatching = await stores.directLine.watch?.((conversationId) => directLine.notify(conversationId));
  // And on one desk: a hand-off changed or an agent came or went on any instance rebuilds the consoles here.
  await desk.start();

  return {
    server,
    adapter,
    bot,
    kb,
    region,
    stores,
    useCases,
    dailyJobs,
    notifier,
    handoffs,
    desk,
    wechat,
    startScheduler: () => {
      scheduler ??= startScheduler({ notifier: notifier!, relay: () => relayLeftovers(useCases, logger), handoffs, ratings, schedule: config.notifySchedule, daily: dailyJobs.jobs(), clock, state: jobState, logger });
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
      // Open Direct Line streams and idle keep-alive connections would keep the server from
      // closing; requests in flight get a moment to finish, then their connections go too.
      directLine.close();
      await stopWatching?.();
      await desk.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A connection whose request ends after this (a reply the bot is posting to its own
      // channel, say) is idle only then: swept again until the server has closed.
      server.server.closeIdleConnections();
      const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
      const cutOff = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearInterval(sweep);
      clearTimeout(cutOff);
      await useCases.relay.settled();
      await stores.close();
    },
  };
}

/** The delivery channels besides the Bot Framework connector: SMS when it is configured (said at start-up either way). */
function deliveryChannels(config: Config, stores: Stores<ApplicationDraft>, clock: Clock, logger: Logger): Record<string, DeliveryChannel> {
  if (!config.sms.on) {
    logger.info('sms_off', { reason: config.sms.reason });
    return {};
  }
  const { tencent, templateIds, limits } = config.sms.config;
  logger.info('sms_on', { provider: 'tencent', base: tencent.baseUrl, perMinute: limits.perMinute, perDay: limits.perDay });
  return { [SMS_CHANNEL]: new SmsChannel({ provider: new TencentSms(tencent, clock), store: stores.sms, templateIds, limits, clock }) };
}

/** Relays what is left in the cases; a failure is logged and retried on the next pass. */
async function relayLeftovers(useCases: CaseUseCases, logger: Logger): Promise<void> {
  try {
    const relayed = await useCases.relay.relayPending();
    if (relayed) logger.info('relayed_leftovers', { relayed });
  } catch (err) {
    logger.error('relay_failed', { message: err instanceof Error ? err.message : String(err) });
  }
}
