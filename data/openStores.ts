import type { Storage } from 'botbuilder';
import type { AgentStore } from './agents.js';
import type { SlotStore } from './appraisal.js';
import type { CallStore } from './calls.js';
import type { DeskPresence } from './deskPresence.js';
import type { HandoffStore } from './handoffs.js';
import type { RatingStore } from './ratings.js';
import type { SmsStore } from './sms.js';
import type { CaseStore } from './cases.js';
import type { DirectLineLimits, DirectLineStore } from './directLineStore.js';
import type { FamilyStore } from './family.js';
import { DiskFileStore } from './files/diskFileStore.js';
import type { FileStore } from './files/fileStore.js';
import type { JobState } from './jobState.js';
import type { OutboxStore } from './outbox.js';
import type { WechatStore } from './wechat.js';
import type { FloodCounts } from './floodCounts.js';
import { MemoryFloodCounts } from './memory/memoryFloodCounts.js';
import { DataDirLock } from './lowdb/dataDirLock.js';
import { LowdbAgentStore } from './lowdb/lowdbAgentStore.js';
import { LowdbRatingStore } from './lowdb/lowdbRatingStore.js';
import { LowdbSmsStore } from './lowdb/lowdbSmsStore.js';
import { LowdbHandoffStore } from './lowdb/lowdbHandoffStore.js';
import { LowdbCallStore } from './lowdb/lowdbCallStore.js';
import { LowdbCaseStore } from './lowdb/lowdbCaseStore.js';
import { LowdbDirectLineStore } from './lowdb/lowdbDirectLineStore.js';
import { LowdbDraftStore } from './lowdb/lowdbDraftStore.js';
import { LowdbFamilyStore } from './lowdb/lowdbFamilyStore.js';
import { LowdbJobState } from './lowdb/lowdbJobState.js';
import { LowdbFeedbackStore, LowdbUnansweredStore } from './lowdb/lowdbKnowledgeStores.js';
import { LowdbOutboxStore } from './lowdb/lowdbOutboxStore.js';
import { LowdbSlotStore } from './lowdb/lowdbSlotStore.js';
import { LowdbStorage } from './lowdb/lowdbStorage.js';
import { LowdbWechatStore } from './lowdb/lowdbWechatStore.js';
import type { CorruptFilePolicy } from './lowdb/secureJsonFile.js';
import { MemoryBotStorage } from './memory/memoryBotStorage.js';
import { MemoryAgentStore } from './memory/memoryAgentStore.js';
import { MemoryRatingStore } from './memory/memoryRatingStore.js';
import { MemorySmsStore } from './memory/memorySmsStore.js';
import { MemoryDeskPresence } from './memory/memoryDeskPresence.js';
import { MemoryHandoffStore } from './memory/memoryHandoffStore.js';
import { MemoryCallStore } from './memory/memoryCallStore.js';
import { MemoryCaseStore } from './memory/memoryCaseStore.js';
import { MemoryDirectLineStore, directLineLimits } from './memory/memoryDirectLineStore.js';
import { MemoryDraftStore } from './memory/memoryDraftStore.js';
import { MemoryFamilyStore } from './memory/memoryFamilyStore.js';
import { MemoryFileStore } from './memory/memoryFileStore.js';
import { MemoryJobState } from './memory/memoryJobState.js';
import { MemoryFeedbackStore, MemoryUnansweredStore } from './memory/memoryKnowledgeStores.js';
import { MemoryOutboxStore } from './memory/memoryOutboxStore.js';
import { MemorySlotStore } from './memory/memorySlotStore.js';
import { MemoryWechatStore } from './memory/memoryWechatStore.js';
import { openPgDatabase, pgStores } from './postgres/open.js';
import { checkSharedSecrets } from './postgres/sharedSecrets.js';
import type { DraftStore, FeedbackStore, UnansweredStore } from './stores.js';

/** `STORE`: where every store keeps its data. */
export const STORE_KINDS = ['lowdb', 'memory', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface StoreConfig {
  store: StoreKind;
  /** The lowdb files' folder (one process per folder, enforced by a lock file). */
  dataDir: string;
  /** DATABASE_URL: the PostgreSQL database of `STORE=postgres`, shared by every instance. */
  databaseUrl?: string;
  /**
   * Secrets every instance on a shared database must hold alike (name -> value, unset allowed):
   * the first instance records their fingerprints, any other with different ones is refused.
   */
  sharedSecrets?: Record<string, string | undefined>;
  /** Days a chat's state is kept after its last change (lowdb; default 30). */
  chatStateIdleDays?: number;
  /** WEBCHAT_RESUME_DAYS: a Direct Line transcript is kept this long after its last activity (7 by default). */
  webchatResumeDays?: number;
}

/** The Direct Line transcript's retention: as long as a page may come back to it. */
const directLineRetention = (config: StoreConfig): Partial<DirectLineLimits> =>
  config.webchatResumeDays ? { retentionMs: config.webchatResumeDays * 24 * 3600_000 } : {};

/** What the stores report that nobody awaits: set-aside files, a taken-over lock, failed background writes. */
export interface StoreEvents {
  info(event: string, fields: Record<string, unknown>): void;
  error(event: string, fields: Record<string, unknown>): void;
}

/** The stores an erasure deletes from or blanks: `purgeErased` rewrites only those named (all by default). */
export const ERASED_KINDS = ['drafts', 'chatState', 'ratings', 'handoffs'] as const;
export type ErasedKind = (typeof ERASED_KINDS)[number];

/** Every store the app uses, from one backend. */
export interface Stores<Draft> {
  /** ConversationState/UserState, with eTag optimistic concurrency. */
  storage: Storage & { flush(): Promise<void> };
  unanswered: UnansweredStore;
  feedback: FeedbackStore;
  cases: CaseStore;
  calls: CallStore;
  /** Half-filled applications. */
  drafts: DraftStore<Draft>;
  slots: SlotStore;
  outbox: OutboxStore;
  family: FamilyStore;
  jobState: JobState;
  directLine: DirectLineStore;
  /** Uploaded materials' bytes. */
  files: FileStore;
  /** Other processes may use the same stores at once (PostgreSQL): claims and shared secrets matter. */
  shared?: boolean;
  /** Agent accounts and their login sessions. */
  agents: AgentStore;
  /** The hand-off queue and live conversations with the agent desk. */
  handoffs: HandoffStore;
  /** Agents at the desk on every instance, and the wake-up between instances when the desk changes. */
  presence: DeskPresence;
  /** 好差评 ratings. */
  ratings: RatingStore;
  /** SMS opt-outs (TD), delivery receipts and per-phone send counts. */
  sms: SmsStore;
  /** The WeChat channel's followers and the pushes it has taken. */
  wechat: WechatStore;
  /** The flood limits' counts: this process's (memory, lowdb), or every instance's (PostgreSQL). */
  flood: FloodCounts;
  /**
   * Removes from disk what an erasure deleted or blanked in the drafts, chat state, ratings and
   * hand-offs, where superseded versions stay until a compaction (lowdb); absent where a
   * delete or change is gone at once.
   */
  purgeErased?(which?: readonly ErasedKind[]): Promise<void>;
  /** Waits for writes made behind and releases the data folder. */
  close(): Promise<void>;
}

const consoleEvents: StoreEvents = {
  info: (event, fields) => console.log(JSON.stringify({ event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ event, ...fields })),
};

/** Opens every store on the configured backend; throws with a plain message when that is not possible. */
export async function openStores<Draft>(config: StoreConfig, events: StoreEvents = consoleEvents): Promise<Stores<Draft>> {
  switch (config.store) {
    case 'memory':
      return openMemoryStores<Draft>(directLineRetention(config));
    case 'lowdb':
      return openLowdbStores<Draft>(config, events);
    case 'postgres':
      return openPostgresStores<Draft>(config.databaseUrl, config.sharedSecrets ?? {});
    default:
      throw new Error(`STORE must be one of ${STORE_KINDS.join(', ')}, not ${String(config.store)}`);
  }
}

/** Everything in this process only: tests, demos, benchmarks of the bot without disk. */
export function openMemoryStores<Draft>(directLine: Partial<DirectLineLimits> = {}): Stores<Draft> {
  const storage = new MemoryBotStorage();
  return {
    storage,
    unanswered: new MemoryUnansweredStore(),
    feedback: new MemoryFeedbackStore(),
    cases: new MemoryCaseStore(),
    calls: new MemoryCallStore(),
    drafts: new MemoryDraftStore<Draft>(),
    slots: new MemorySlotStore(),
    outbox: new MemoryOutboxStore(),
    family: new MemoryFamilyStore(),
    jobState: new MemoryJobState(),
    directLine: new MemoryDirectLineStore(undefined, directLineLimits(directLine)),
    files: new MemoryFileStore(),
    agents: new MemoryAgentStore(),
    handoffs: new MemoryHandoffStore(),
    presence: new MemoryDeskPresence(),
    ratings: new MemoryRatingStore(),
    sms: new MemorySmsStore(),
    wechat: new MemoryWechatStore(),
    flood: new MemoryFloodCounts(),
    close: async () => undefined,
  };
}

/** Many instances on one database: no folder lock, every store's atomic steps are SQL's. */
async function openPostgresStores<Draft>(databaseUrl: string | undefined, secrets: Record<string, string | undefined>): Promise<Stores<Draft>> {
  if (!databaseUrl) throw new Error('STORE=postgres needs DATABASE_URL (postgres://user:password@host:5432/onevisit)');
  const db = await openPgDatabase(databaseUrl);
  try {
    await checkSharedSecrets(db, secrets);
  } catch (err) {
    await db.close();
    throw err;
  }
  return { ...pgStores<Draft>(db), shared: true, close: () => db.close() };
}

async function openLowdbStores<Draft>(config: StoreConfig, events: StoreEvents): Promise<Stores<Draft>> {
  const { dataDir, chatStateIdleDays } = config;
  const lock = await DataDirLock.acquire(dataDir, {
    onTakeOver: (stale) => events.info('data_lock_taken_over', { dataDir, stalePid: stale.pid, staleHost: stale.host, staleSince: stale.startedAt }),
  });
  try {
    // Chat state and job dates can be rebuilt: a damaged file is set aside, and the service starts.
    const setAside: CorruptFilePolicy = {
      setAside: (file, movedTo, reason) => events.error('damaged_file_set_aside', { file, movedTo, reason }),
    };
    const storage = await LowdbStorage.open(dataDir, {
      idleDays: chatStateIdleDays,
      onCorrupt: setAside,
      onWriteError: (err) => events.error('state_write_failed', { message: err.message }),
    });
    const [unanswered, feedback, cases, calls, drafts, slots, outbox, family, jobState, directLine, agents, handoffs, ratings, sms, wechat] = await Promise.all([
      LowdbUnansweredStore.open(dataDir),
      LowdbFeedbackStore.open(dataDir),
      LowdbCaseStore.open(dataDir),
      LowdbCallStore.open(dataDir),
      LowdbDraftStore.open<Draft>(dataDir, 'application'),
      LowdbSlotStore.open(dataDir),
      LowdbOutboxStore.open(dataDir, { onError: (err) => events.error('outbox_write_failed', { message: err.message }) }),
      LowdbFamilyStore.open(dataDir),
      LowdbJobState.open(dataDir, { onCorrupt: setAside }),
      LowdbDirectLineStore.open(dataDir, directLineRetention(config)),
      LowdbAgentStore.open(dataDir),
      LowdbHandoffStore.open(dataDir),
      LowdbRatingStore.open(dataDir),
      LowdbSmsStore.open(dataDir),
      LowdbWechatStore.open(dataDir),
    ]);
    return {
      storage,
      unanswered,
      feedback,
      cases,
      calls,
      drafts,
      slots,
      outbox,
      family,
      jobState,
      directLine,
      files: DiskFileStore.open(dataDir),
      agents,
      handoffs,
      // One process per folder: the desk is this process's.
      presence: new MemoryDeskPresence(),
      ratings,
      sms,
      wechat,
      // One process per folder: it counts its own floods, and a restart forgets a minute's counts.
      flood: new MemoryFloodCounts(),
      purgeErased: async (which = ERASED_KINDS) => {
        const purges = { drafts: () => drafts.purge(), chatState: () => storage.purge(), ratings: () => ratings.purge(), handoffs: () => handoffs.purge() };
        await Promise.all(which.map((kind) => purges[kind]()));
      },
      close: async () => {
        try {
          await storage.flush();
          await Promise.all([cases.close(), outbox.close()]);
        } finally {
          await lock.release();
        }
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
