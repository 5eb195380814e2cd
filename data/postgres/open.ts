import { PgDatabase } from './db.js';
import { migrate } from './migrate.js';
import { PgAgentStore } from './pgAgentStore.js';
import { PgCallStore } from './pgCallStore.js';
import { PgCaseStore } from './pgCaseStore.js';
import { PgDeskPresence } from './pgDeskPresence.js';
import { PgDirectLineStore } from './pgDirectLineStore.js';
import { PgDraftStore } from './pgDraftStore.js';
import { PgFamilyStore } from './pgFamilyStore.js';
import { PgFileStore } from './pgFileStore.js';
import { PgJobState } from './pgJobState.js';
import { PgFeedbackStore, PgUnansweredStore } from './pgKnowledgeStores.js';
import { PgOutboxStore } from './pgOutboxStore.js';
import { PgHandoffStore } from './pgHandoffStore.js';
import { PgRatingStore } from './pgRatingStore.js';
import { PgSmsStore } from './pgSmsStore.js';
import { PgSlotStore } from './pgSlotStore.js';
import { PgStorage } from './pgStorage.js';
import { PgWechatStore } from './pgWechatStore.js';
import { PgFloodCounts } from './pgFloodCounts.js';

/** Every PostgreSQL store over one database (and schema); the caller closes `db`. */
export function pgStores<Draft>(db: PgDatabase) {
  return {
    storage: new PgStorage(db),
    unanswered: new PgUnansweredStore(db),
    feedback: new PgFeedbackStore(db),
    cases: new PgCaseStore(db),
    calls: new PgCallStore(db),
    drafts: new PgDraftStore<Draft>(db, 'application'),
    slots: new PgSlotStore(db),
    outbox: new PgOutboxStore(db),
    family: new PgFamilyStore(db),
    jobState: new PgJobState(db),
    directLine: new PgDirectLineStore(db),
    files: new PgFileStore(db),
    agents: new PgAgentStore(db),
    handoffs: new PgHandoffStore(db),
    presence: new PgDeskPresence(db),
    ratings: new PgRatingStore(db),
    sms: new PgSmsStore(db),
    wechat: new PgWechatStore(db),
    flood: new PgFloodCounts(db),
  };
}

/** Connects, applies the migrations not applied yet (under an advisory lock), and checks the database answers. */
export async function openPgDatabase(url: string, schema?: string, options?: ConstructorParameters<typeof PgDatabase>[2]): Promise<PgDatabase> {
  const db = new PgDatabase(url, schema, options);
  try {
    await migrate(db);
    return db;
  } catch (err) {
    await db.close();
    const reason = (err as Error).message || (err as { code?: string }).code || String(err);
    throw new Error(`PostgreSQL (DATABASE_URL) could not be opened: ${reason}`);
  }
}
