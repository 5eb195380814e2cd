import type { StoreItem } from 'botbuilder';
import { join } from 'node:path';
import { ITEM_IDS, bundleItem } from '../../data/bundle.js';
import { formatCaseNo, shanghaiDate } from '../../data/caseQuery.js';
import { caseRecordOf, deriveCaseStatus, type AuditEntry, type CaseItem, type CaseRecord, type Stage } from '../../data/cases.js';
import { AppendLog } from '../../data/lowdb/appendLog.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbDirectLineStore } from '../../data/lowdb/lowdbDirectLineStore.js';
import { LowdbDraftStore } from '../../data/lowdb/lowdbDraftStore.js';
import { LowdbStorage } from '../../data/lowdb/lowdbStorage.js';
import { LogRecords } from '../../data/lowdb/logRecords.js';
import { directLineLimits, type ConversationRecord } from '../../data/memory/memoryDirectLineStore.js';
import type { OutboxRow } from '../../data/outbox.js';
import { rowId } from '../../data/outboxRules.js';
import { newCase, testIdNumber } from '../../test/fixtures/cases.js';
import { seededRandom } from './stats.js';

const DAY_MS = 86_400_000;
/** A city: ~30,000 applications a year (100,000 cases span about 3.3 years). */
const CASES_PER_YEAR = 30_000;
/** Share of cases still under way, spread over the last 60 days (some past their stage's limit). */
const OPEN_SHARE = 0.03;
/** The path of a certificate case, each step one audit entry (and one status update sent). */
const CLOSED_PATH: Stage[] = ['pre_review', 'appraisal_scheduled', 'appraised', 'public_notice', 'approved', 'delivered'];

/** A case the benchmark's family checks can find: its number and the last 6 of the applicant's ID. */
export interface KnownCase {
  caseNo: string;
  idTail: string;
}

export interface ScaleData {
  cases: number;
  openCases: number;
  statusUpdates: number;
  drafts: number;
  chatUsers: number;
  directLineActivities: number;
  /** Open cases, for family checks. */
  known: KnownCase[];
}

/** One case with its history: closed ones went the whole way, open ones stopped at a stage `since` days ago. */
function caseAt(i: number, at: Date, seq: number, open: boolean, random: () => number, end: Date): CaseRecord {
  const birthDate = `19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`;
  const extra = ITEM_IDS[6 + Math.floor(random() * 8)];
  const items: CaseItem[] = [
    { id: 'cert-new', department: '残联', status: open ? 'submitted' : 'approved' },
    { id: extra, department: bundleItem(extra).department, status: open ? 'queued' : random() < 0.8 ? 'approved' : 'rejected' },
  ];
  const input = newCase({
    items,
    applicant: { idNumber: testIdNumber(i, birthDate), birthDate, name: `测试${i}` },
    submittedBy: { role: 'self', userKey: `bench:user-${i}` },
    submissionId: `sub-${i}`,
  });
  const record = caseRecordOf(input, formatCaseNo(at, seq), at);
  // An open case stopped somewhere between submitted and approved.
  const path = open ? CLOSED_PATH.slice(0, Math.floor(random() * (CLOSED_PATH.length - 1))) : CLOSED_PATH;
  const span = (open ? end.getTime() : at.getTime() + 40 * DAY_MS) - at.getTime();
  let from: string = record.status;
  const audit: AuditEntry[] = [...record.audit];
  path.forEach((stage, k) => {
    const when = new Date(at.getTime() + Math.floor(((k + 1) / (path.length + 1)) * span)).toISOString();
    const to = stage === 'delivered' ? 'closed' : stage;
    audit.push({ at: when, by: 'staff:bench', action: `to-${stage}`, from, to });
    from = to;
  });
  const stage: Stage = path.at(-1) ?? 'submitted';
  return { ...record, stage, status: deriveCaseStatus(items, stage), audit, updatedAt: audit.at(-1)!.at };
}

function statusUpdate(seq: number, c: CaseRecord, k: number): OutboxRow {
  return {
    id: rowId(seq),
    dedupeKey: `${c.caseNo}-step-${k}`,
    caseNo: c.caseNo,
    conversation: c.conversation ?? {},
    recipient: 'applicant',
    text: `【${c.caseNo}】您的申请有新进展：第${k + 1}步已办完。`,
    createdAt: c.audit[k + 1]?.at ?? c.updatedAt,
    dueAt: c.audit[k + 1]?.at ?? c.updatedAt,
    attempts: 1,
    status: 'delivered',
    deliveredAt: c.audit[k + 1]?.at ?? c.updatedAt,
  };
}

/** A chat user's state as botbuilder stores it: dialog stack of a half-done flow, user profile. */
function chatState(i: number): [StoreItem, StoreItem] {
  const conversation = {
    DialogState: {
      dialogStack: [{ id: 'main', state: { options: {}, values: { instanceId: `inst-${i}` }, stepIndex: 0 } }],
    },
    lastTurn: { text: '我的申请到哪一步了', locale: 'zh-CN' },
  };
  const user = { profile: { consented: true, role: 'self', recentCaseNos: [`YC2026010${String(i % 100000).padStart(5, '0')}`] }, hints: ['apply', 'progress'] };
  return [conversation, user];
}

/**
 * `count` cases with their histories, oldest first, ending at `end`, `perYear` a year (a city's
 * 30,000 by default; a province files about 300,000): about 3 % still under way, in the last 60
 * days. Deterministic for one `count`; one at a time, so a million need not be held at once.
 */
export function* scaleCases(count: number, end: Date, perYear = CASES_PER_YEAR): Generator<{ record: CaseRecord; open: boolean }> {
  const random = seededRandom(count);
  const start = end.getTime() - Math.ceil(count / (perYear / 365)) * DAY_MS;
  const openFrom = end.getTime() - 60 * DAY_MS;
  const perDay = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(((i + random()) / count) * (end.getTime() - start - 1)));
    const day = shanghaiDate(at);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const open = at.getTime() >= openFrom && random() < OPEN_SHARE * ((end.getTime() - start) / (60 * DAY_MS));
    yield { record: caseAt(i, at, seq, open, random, end), open };
  }
}

/**
 * Fills an empty data folder with `count` cases and what goes with them at a city's scale:
 * every case's audit history, 6 status updates delivered per closed case, drafts, chat state,
 * Direct Line transcripts. Deterministic for one `count`.
 */
export async function generateScaleData(dataDir: string, count: number, end: Date): Promise<ScaleData> {
  const records: CaseRecord[] = [];
  const known: KnownCase[] = [];
  for (const { record: c, open } of scaleCases(count, end)) {
    records.push(c);
    if (open) known.push({ caseNo: c.caseNo, idTail: c.applicant.idNumber.slice(-6) });
  }
  await LowdbCaseStore.importInto(dataDir, records);

  // Status updates already delivered: the outbox archive, one row per step of each case.
  const log = await AppendLog.open<OutboxRow>(join(dataDir, 'outbox', 'archive'), { segmentBytes: 8 * 1024 * 1024, fsync: false }, () => undefined);
  let outboxSeq = 0;
  let batch: OutboxRow[] = [];
  for (const c of records) {
    for (let k = 0; k < c.audit.length - 1; k++) batch.push(statusUpdate(++outboxSeq, c, k));
    if (batch.length >= 20_000) {
      await log.append(batch);
      batch = [];
    }
  }
  await log.append(batch);

  const drafts = await LowdbDraftStore.open<Record<string, unknown>>(dataDir, 'application');
  const draftCount = Math.ceil(count / 50);
  const draftWrites: Promise<void>[] = [];
  for (let i = 0; i < draftCount; i++) {
    draftWrites.push(drafts.save(`bench:drafter-${i}`, { who: 'self', name: `草稿${i}`, phone: '13800001234', items: ['cert-new'], step: 'idNumber' }, new Date(end.getTime() - (i % 30) * DAY_MS)));
  }
  await Promise.all(draftWrites);

  // Chat state of half as many users as cases, written in large batches.
  const chatUsers = Math.ceil(count / 2);
  const storage = await LowdbStorage.open(dataDir);
  for (let first = 0; first < chatUsers; first += 5000) {
    const changes: Record<string, StoreItem> = {};
    for (let i = first; i < Math.min(chatUsers, first + 5000); i++) {
      const [conversation, user] = chatState(i);
      changes[`bench/conversations/conv-user-${i}`] = conversation;
      changes[`bench/users/user-${i}`] = user;
    }
    await storage.write(changes);
  }
  await storage.flush();

  // Direct Line: a conversation per 50 cases, 40 activities each, over the last two weeks.
  // Its own records, so the background compaction its rewrites start can be awaited before the folder is used.
  const transcripts = await LogRecords.open<ConversationRecord>(join(dataDir, 'directline'), { fsync: false });
  const directLine = new LowdbDirectLineStore(transcripts, directLineLimits({}));
  const conversations = Math.ceil(count / 50);
  const PER = 40;
  for (let first = 0; first < conversations; first += 500) {
    const ids = Array.from({ length: Math.min(500, conversations - first) }, (_, k) => `dl-${first + k}`);
    await Promise.all(
      ids.map(async (id, k) => {
        const at = new Date(end.getTime() - ((first + k) % 14) * DAY_MS);
        await directLine.create(id, at);
        for (let a = 0; a < PER; a++) {
          await directLine.append(id, { type: 'message', text: a % 2 ? '请问残疾证办理需要哪些材料？' : '办理残疾证需要身份证、户口簿和近期二寸免冠照片。', from: { id: a % 2 ? `u-${id}` : 'bot' } }, at);
        }
      }),
    );
  }

  await transcripts.settled();

  return {
    cases: count,
    openCases: known.length,
    statusUpdates: outboxSeq,
    drafts: draftCount,
    chatUsers,
    directLineActivities: conversations * PER,
    known,
  };
}
