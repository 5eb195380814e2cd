import { DiskFileStore } from '../data/files/diskFileStore.js';
import { PgFileStore } from '../data/postgres/pgFileStore.js';
import { DataDirLock } from '../data/lowdb/dataDirLock.js';
import { LowdbAgentStore } from '../data/lowdb/lowdbAgentStore.js';
import { LowdbCallStore } from '../data/lowdb/lowdbCallStore.js';
import { LowdbCaseStore } from '../data/lowdb/lowdbCaseStore.js';
import { LowdbDraftStore } from '../data/lowdb/lowdbDraftStore.js';
import { LowdbFamilyStore } from '../data/lowdb/lowdbFamilyStore.js';
import { LowdbFeedbackStore, LowdbUnansweredStore } from '../data/lowdb/lowdbKnowledgeStores.js';
import { LowdbHandoffStore } from '../data/lowdb/lowdbHandoffStore.js';
import { LowdbOutboxStore } from '../data/lowdb/lowdbOutboxStore.js';
import { LowdbRatingStore } from '../data/lowdb/lowdbRatingStore.js';
import { LowdbSlotStore } from '../data/lowdb/lowdbSlotStore.js';
import { LowdbSmsStore } from '../data/lowdb/lowdbSmsStore.js';
import { LowdbWechatStore } from '../data/lowdb/lowdbWechatStore.js';
import { LowdbStorage } from '../data/lowdb/lowdbStorage.js';
import { openPgDatabase, pgStores } from '../data/postgres/open.js';
import { PgImport } from '../data/postgres/pgImport.js';

/** More than any folder holds: "every record" for the stores' list calls. */
const ALL = 1_000_000_000;
/** Uploaded files are named by a SHA-256 wherever a case or draft refers to them, and keep that name. */
const FILE_ID = /\b[0-9a-f]{64}\b/g;

export interface MigrationCounts {
  cases: number;
  calls: number;
  slots: number;
  bookings: number;
  outbox: number;
  pendingUpdates: number;
  drafts: number;
  chatState: number;
  subscriptions: number;
  optedOut: number;
  files: number;
  unanswered: number;
  agents: number;
  /** Hand-offs and ratings. */
  desk: number;
  /** SMS opt-outs, per-phone send counts and messages (with receipts). */
  sms: number;
  /** WeChat followers. */
  wechatFollowers: number;
}

/**
 * Copies a lowdb data folder into a PostgreSQL database (migrated first): cases with their
 * numbers and pending status updates, calls, appraisal sessions and active bookings, the whole
 * outbox, drafts, chat state, family subscriptions and opt-outs, uploaded files, unanswered
 * questions and ratings, agent accounts, hand-offs (the queue too), 好差评 ratings, the SMS store
 * (TD opt-outs, per-phone send counts, messages and receipts) and the WeChat followers with the
 * recent push keys. The folder is locked while it runs (stop the bot first) and is not changed. Not carried over: Direct Line transcripts (clients start a new conversation),
 * failed-check counts (lockouts end within a day), agents' login sessions (they log in again) and job dates (a job may run once more; its
 * messages' dedupe keys keep them from being sent twice).
 */
export async function lowdbToPostgres(dataDir: string, databaseUrl: string): Promise<MigrationCounts> {
  const lock = await DataDirLock.acquire(dataDir);
  const db = await openPgDatabase(databaseUrl).catch(async (err: Error) => {
    await lock.release();
    throw err;
  });
  try {
    const into = new PgImport(db);
    const pg = pgStores(db);
    const [cases, calls, slots, outbox, drafts, family, storage, unanswered, feedback, agents, handoffs, ratings, sms, wechat] = await Promise.all([
      LowdbCaseStore.open(dataDir),
      LowdbCallStore.open(dataDir),
      LowdbSlotStore.open(dataDir),
      LowdbOutboxStore.open(dataDir),
      LowdbDraftStore.open<unknown>(dataDir, 'application'),
      LowdbFamilyStore.open(dataDir),
      LowdbStorage.open(dataDir),
      LowdbUnansweredStore.open(dataDir),
      LowdbFeedbackStore.open(dataDir),
      LowdbAgentStore.open(dataDir),
      LowdbHandoffStore.open(dataDir),
      LowdbRatingStore.open(dataDir),
      LowdbSmsStore.open(dataDir),
      LowdbWechatStore.open(dataDir),
    ]);
    const caseRecords = await cases.list({ limit: ALL });
    const sessions = await slots.list({});
    const bookings = (await Promise.all(caseRecords.map((c) => slots.activeBookingOf(c.caseNo)))).filter((b) => b !== undefined);
    const outboxRows = await outbox.list({ limit: ALL });
    const draftEntries = [...drafts.entries()];
    const { subscriptions, optedOut } = family.snapshot();
    const counts: MigrationCounts = {
      cases: await into.cases(caseRecords.reverse()),
      calls: await into.calls(await calls.list({ limit: ALL })),
      slots: await into.slots(sessions, bookings),
      bookings: bookings.length,
      outbox: await into.outbox(outboxRows.reverse()),
      pendingUpdates: caseRecords.reduce((n, c) => n + (c.pendingNotifications?.length ?? 0), 0),
      drafts: draftEntries.length,
      chatState: await into.botState([...storage.entries()]),
      subscriptions: 0,
      optedOut: 0,
      files: 0,
      unanswered: 0,
      agents: await into.agents(await agents.list()),
      desk: await into.desk(await handoffs.list(), await ratings.list()),
      sms: await into.sms(sms.snapshot()),
      wechatFollowers: await into.wechat(wechat.snapshot()),
    };
    for (const [userKey, { draft, updatedAt }] of draftEntries) await pg.drafts.save(userKey, draft, new Date(updatedAt));
    for (const sub of Object.values(subscriptions).flat()) {
      await pg.family.subscribe(sub);
      counts.subscriptions += 1;
    }
    for (const [userKey, at] of Object.entries(optedOut)) {
      await pg.family.optOut(userKey, new Date(at));
      counts.optedOut += 1;
    }
    const files = DiskFileStore.open(dataDir);
    const pgFiles = new PgFileStore(db);
    const fileIds = new Set(JSON.stringify([caseRecords, draftEntries]).match(FILE_ID));
    for (const id of fileIds) {
      const bytes = await files.get(id);
      if (bytes) {
        await pgFiles.copy(id, bytes);
        counts.files += 1;
      }
    }
    const questions = await unanswered.list(ALL);
    await into.knowledge(questions, await feedback.summary(), (await feedback.recent(ALL)).reverse());
    counts.unanswered = questions.length;
    return counts;
  } finally {
    await db.close();
    await lock.release();
  }
}
