import type { Storage } from 'botbuilder';
import type { SlotStore } from '../../data/appraisal.js';
import type { AgentStore } from '../../data/agents.js';
import type { CallStore } from '../../data/calls.js';
import type { DeskPresence } from '../../data/deskPresence.js';
import type { HandoffStore } from '../../data/handoffs.js';
import type { RatingStore } from '../../data/ratings.js';
import type { SmsStore } from '../../data/sms.js';
import type { CaseStore } from '../../data/cases.js';
import type { DirectLineLimits, DirectLineStore } from '../../data/directLineStore.js';
import type { FamilyStore } from '../../data/family.js';
import { DiskFileStore } from '../../data/files/diskFileStore.js';
import type { FileStore } from '../../data/files/fileStore.js';
import type { JobState } from '../../data/jobState.js';
import { MapRecords } from '../../data/keyedRecords.js';
import { LowdbAgentStore } from '../../data/lowdb/lowdbAgentStore.js';
import { LowdbRatingStore } from '../../data/lowdb/lowdbRatingStore.js';
import { LowdbSmsStore } from '../../data/lowdb/lowdbSmsStore.js';
import { LowdbHandoffStore } from '../../data/lowdb/lowdbHandoffStore.js';
import { LowdbCallStore } from '../../data/lowdb/lowdbCallStore.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { LowdbDraftStore } from '../../data/lowdb/lowdbDraftStore.js';
import { LowdbFamilyStore } from '../../data/lowdb/lowdbFamilyStore.js';
import { LowdbJobState } from '../../data/lowdb/lowdbJobState.js';
import { LowdbFeedbackStore, LowdbUnansweredStore } from '../../data/lowdb/lowdbKnowledgeStores.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { LowdbSlotStore } from '../../data/lowdb/lowdbSlotStore.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { MemoryBotStorage } from '../../data/memory/memoryBotStorage.js';
import { MemoryAgentStore } from '../../data/memory/memoryAgentStore.js';
import { MemoryRatingStore } from '../../data/memory/memoryRatingStore.js';
import { MemorySmsStore } from '../../data/memory/memorySmsStore.js';
import { MemoryDeskPresence } from '../../data/memory/memoryDeskPresence.js';
import { MemoryHandoffStore } from '../../data/memory/memoryHandoffStore.js';
import { MemoryCallStore } from '../../data/memory/memoryCallStore.js';
import { MemoryCaseStore } from '../../data/memory/memoryCaseStore.js';
import { MemoryDirectLineStore, directLineLimits } from '../../data/memory/memoryDirectLineStore.js';
import { MemoryDraftStore } from '../../data/memory/memoryDraftStore.js';
import { MemoryFamilyStore } from '../../data/memory/memoryFamilyStore.js';
import { MemoryFileStore } from '../../data/memory/memoryFileStore.js';
import { MemoryJobState } from '../../data/memory/memoryJobState.js';
import { MemoryFeedbackStore, MemoryUnansweredStore } from '../../data/memory/memoryKnowledgeStores.js';
import { MemoryOutboxStore } from '../../data/memory/memoryOutboxStore.js';
import { MemorySlotStore } from '../../data/memory/memorySlotStore.js';
import type { OutboxStore } from '../../data/outbox.js';
import type { WechatStore } from '../../data/wechat.js';
import type { FloodCounts } from '../../data/floodCounts.js';
import { MemoryFloodCounts } from '../../data/memory/memoryFloodCounts.js';
import { LowdbWechatStore } from '../../data/lowdb/lowdbWechatStore.js';
import { MemoryWechatStore } from '../../data/memory/memoryWechatStore.js';
import type { PgDatabase } from '../../data/postgres/db.js';
import { openPgDatabase, pgStores } from '../../data/postgres/open.js';
import { PgDirectLineStore } from '../../data/postgres/pgDirectLineStore.js';
import { PgDraftStore } from '../../data/postgres/pgDraftStore.js';
import { postgresBinDir, sharedCluster } from '../../scripts/pgCluster.js';
import type { DraftStore, FeedbackStore, UnansweredStore } from '../../data/stores.js';
import { tempDir } from '../support.js';

/**
 * Every backend's way to open each store over a "place" (`newDir()`): opening the same place
 * again is the store after a restart. Each conformance suite runs once per line of `backends`;
 * a new backend (PostgreSQL: a schema per place) is one more line.
 */
export interface Backend {
  name: string;
  /** Other processes may use the same place at once (PostgreSQL): decisions are taken under locks. */
  shared?: boolean;
  newDir(): string;
  storage(dir: string): Promise<Storage & { flush(): Promise<void> }>;
  unanswered(dir: string): Promise<UnansweredStore>;
  feedback(dir: string): Promise<FeedbackStore>;
  cases(dir: string): Promise<CaseStore>;
  calls(dir: string): Promise<CallStore>;
  drafts<T>(dir: string): Promise<DraftStore<T>>;
  slots(dir: string): Promise<SlotStore>;
  outbox(dir: string): Promise<OutboxStore>;
  family(dir: string): Promise<FamilyStore>;
  jobState(dir: string): Promise<JobState>;
  directLine(dir: string, limits?: Partial<DirectLineLimits>): Promise<DirectLineStore>;
  files(dir: string): Promise<FileStore>;
  agents(dir: string): Promise<AgentStore>;
  handoffs(dir: string): Promise<HandoffStore>;
  presence(dir: string): Promise<DeskPresence>;
  ratings(dir: string): Promise<RatingStore>;
  sms(dir: string): Promise<SmsStore>;
  wechat(dir: string): Promise<WechatStore>;
  flood(dir: string): Promise<FloodCounts>;
}

/** Memory keeps nothing after a restart: "reopening" a place gives the same store back. */
function perPlace<S, A extends unknown[]>(make: (...args: A) => S): (dir: string, ...args: A) => Promise<S> {
  const stores = new Map<string, S>();
  return async (dir, ...args) => {
    if (!stores.has(dir)) stores.set(dir, make(...args));
    return stores.get(dir)!;
  };
}

let places = 0;

export const memoryBackend: Backend = {
  name: 'memory',
  newDir: () => `memory-${++places}`,
  storage: perPlace(() => new MemoryBotStorage()),
  unanswered: perPlace(() => new MemoryUnansweredStore()),
  feedback: perPlace(() => new MemoryFeedbackStore()),
  cases: perPlace(() => new MemoryCaseStore()),
  calls: perPlace(() => new MemoryCallStore()),
  drafts: perPlace(() => new MemoryDraftStore()) as Backend['drafts'],
  slots: perPlace(() => new MemorySlotStore()),
  outbox: perPlace(() => new MemoryOutboxStore()),
  family: perPlace(() => new MemoryFamilyStore()),
  jobState: perPlace(() => new MemoryJobState()),
  files: perPlace(() => new MemoryFileStore()),
  agents: perPlace(() => new MemoryAgentStore()),
  handoffs: perPlace(() => new MemoryHandoffStore()),
  presence: perPlace(() => new MemoryDeskPresence()),
  ratings: perPlace(() => new MemoryRatingStore()),
  sms: perPlace(() => new MemorySmsStore()),
  wechat: perPlace(() => new MemoryWechatStore()),
  flood: perPlace(() => new MemoryFloodCounts()),
  directLine: perPlace((limits: Partial<DirectLineLimits> = {}) => new MemoryDirectLineStore(new MapRecords(), directLineLimits(limits))),
};

export const lowdbBackend: Backend = {
  name: 'lowdb',
  newDir: () => tempDir(),
  storage: (dir) => LowdbStorage.open(dir),
  unanswered: (dir) => LowdbUnansweredStore.open(dir),
  feedback: (dir) => LowdbFeedbackStore.open(dir),
  cases: (dir) => LowdbCaseStore.open(dir),
  calls: (dir) => LowdbCallStore.open(dir),
  drafts: (dir) => LowdbDraftStore.open(dir, 'application'),
  slots: (dir) => LowdbSlotStore.open(dir),
  outbox: (dir) => LowdbOutboxStore.open(dir),
  family: (dir) => LowdbFamilyStore.open(dir),
  jobState: (dir) => LowdbJobState.open(dir),
  directLine: (dir, limits) => LowdbDirectLineStore.open(dir, limits),
  files: async (dir) => DiskFileStore.open(dir),
  agents: (dir) => LowdbAgentStore.open(dir),
  handoffs: (dir) => LowdbHandoffStore.open(dir),
  // The desk of the one process that owns the folder.
  presence: perPlace(() => new MemoryDeskPresence()),
  ratings: (dir) => LowdbRatingStore.open(dir),
  sms: (dir) => LowdbSmsStore.open(dir),
  wechat: (dir) => LowdbWechatStore.open(dir),
  // The process's own counts, as openStores gives a lowdb folder.
  flood: perPlace(() => new MemoryFloodCounts()),
};

/** A fresh schema of the run's throwaway cluster: a place's schema, migrated once. */
export function postgresPlace(name: string): Promise<PgDatabase> {
  let db = pgPlaces.get(name);
  if (!db) {
    // Few connections per place, closed when idle: a run opens hundreds of places.
    db = sharedCluster().then((cluster) => openPgDatabase(cluster.url, name, { max: 4, idleTimeoutMillis: 300 }));
    pgPlaces.set(name, db);
  }
  return db;
}
const pgPlaces = new Map<string, Promise<PgDatabase>>();
let pgPlaceCount = 0;

/** One schema per place in one throwaway cluster per mocha run (scripts/pgCluster.ts); reopening a place is a new store over the same schema. */
function pgStore<K extends keyof ReturnType<typeof pgStores>>(kind: K): (dir: string) => Promise<ReturnType<typeof pgStores>[K]> {
  return async (dir) => pgStores(await postgresPlace(dir))[kind];
}

export const postgresBackend: Backend = {
  name: 'postgres',
  shared: true,
  newDir: () => `place_${process.pid}_${++pgPlaceCount}`,
  storage: pgStore('storage'),
  unanswered: pgStore('unanswered'),
  feedback: pgStore('feedback'),
  cases: pgStore('cases'),
  calls: pgStore('calls'),
  drafts: async (dir) => new PgDraftStore(await postgresPlace(dir), 'application'),
  slots: pgStore('slots'),
  outbox: pgStore('outbox'),
  family: pgStore('family'),
  jobState: pgStore('jobState'),
  directLine: async (dir, limits) => new PgDirectLineStore(await postgresPlace(dir), limits),
  files: pgStore('files'),
  agents: pgStore('agents'),
  handoffs: pgStore('handoffs'),
  presence: pgStore('presence'),
  ratings: pgStore('ratings'),
  sms: pgStore('sms'),
  wechat: pgStore('wechat'),
  flood: pgStore('flood'),
};

/** Whether this machine can run the PostgreSQL suites (CI installs Debian's postgresql). */
export const postgresAvailable = postgresBinDir() !== undefined;
if (!postgresAvailable) {
  // CI installs the binaries (.ci/run): there a skip would hide a broken backend.
  if (process.env.CI) throw new Error('CI=true but no PostgreSQL server binaries: .ci/run should have installed postgresql');
  console.log('PostgreSQL suites SKIPPED: no PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN); CI runs them.');
}

export const backends: Backend[] = [memoryBackend, lowdbBackend, ...(postgresAvailable ? [postgresBackend] : [])];
