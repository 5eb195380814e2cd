import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from '../../dialogs/text/index.js';
import { START_APPLICATION, answerUntil, applyUntilConfirmed, conversationWith, type Say } from './applicant.js';
import { FakeConnector, NO_KEY } from './fakeConnector.js';
import { ServerProcess, freePort } from './serverProcess.js';

export interface CrashOptions {
  cycles: number;
  applicants: number;
  /** How long the server runs before each SIGKILL: uniform in [min, max] ms. */
  upMs: [number, number];
  seed: number;
  /** After the last kill, how long the applicants may take to finish. */
  finishMs: number;
  log?: (line: string) => void;
}

export interface CrashFigures {
  cycles: number;
  kills: number;
  applicants: number;
  turns: number;
  /** Turns cut by a kill (no answer), each tried again after the restart. */
  turnsCut: number;
  /** Times an applicant came back to a half-filled application ("要接着填吗"). */
  draftsResumed: number;
  confirmedCases: number;
  casesPresent: number;
  casesStored: number;
  bookingsConfirmed: number;
  slotsOverCapacity: number;
  placesBooked: number;
  statusUpdates: number;
  statusUpdatesPending: number;
  /** Status updates that reached the connector (counted once per dedupe key, as the channel shows them). */
  statusUpdatesDelivered: number;
  neverDelivered: number;
  /**
   * Sends repeated after a kill between a send and its mark (the notifier is at-least-once);
   * they carry the same dedupe key, which the channel drops (the Direct Line channel does).
   */
  repeatsWithSameKey: number;
  connectorPosts: number;
  draftResumableAfterKill: boolean;
  seconds: number;
  problems: string[];
}

const BOOK = '最早什么时候可以鉴定';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32): the same seed kills at the same moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulated applicants apply and book against a real server process (`dist/bot/index.js`, its
 * data in a temp folder) that is SIGKILLed at random moments and restarted; afterwards it
 * checks that nothing the applicants were told is lost: every confirmed case present, no
 * session over capacity, every status update delivered once, a draft resumable after a kill.
 */
export async function runCrashTest(o: CrashOptions): Promise<CrashFigures> {
  const began = Date.now();
  const log = o.log ?? (() => undefined);
  const rand = random(o.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-crash-'));
  const connector = await FakeConnector.start();
  const base = `http://127.0.0.1:${await freePort()}`;
  const adminToken = randomBytes(12).toString('hex');
  const server = new ServerProcess(base, {
    PORT: base.split(':')[2], HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken,
    NOTIFY_SCHEDULE: '* * * * * *', QUIET_HOURS: 'off', LOG_LEVEL: 'silent',
  });
  const f: CrashFigures = {
    cycles: o.cycles, kills: 0, applicants: o.applicants, turns: 0, turnsCut: 0, draftsResumed: 0, confirmedCases: 0, casesPresent: 0, casesStored: 0,
    bookingsConfirmed: 0, slotsOverCapacity: 0, placesBooked: 0, statusUpdates: 0, statusUpdatesPending: 0, statusUpdatesDelivered: 0, neverDelivered: 0, repeatsWithSameKey: 0,
    connectorPosts: 0, draftResumableAfterKill: false, seconds: 0, problems: [],
  };
  const admin = (path: string, body?: object) =>
    fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  /** Each applicant's last exchange, to show where an unfinished one is stuck. */
  const lastExchange = new Map<string, string>();
  const counted = (say: Say, who: string): Say => async (input) => {
    // People pause between messages: turns spread over the time a kill may land.
    await sleep(rand() * 200);
    f.turns++;
    lastExchange.set(who, `${input} -> (no answer)`);
    const replies = await say(input);
    lastExchange.set(who, `${input} -> ${replies.join(' | ').slice(0, 300)}`);
    if (replies.some((r) => r.includes('有一份没填完的申请'))) f.draftsResumed++;
    return replies;
  };
  let stopping = false;
  let cycle = 0;
  let serverIsUp: () => void = () => undefined;
  /** Resolves while the server is up; turns cut by a kill wait on it. */
  let up = new Promise<void>((resolve) => (serverIsUp = resolve));
  const start = async () => {
    const began = Date.now();
    await server.start();
    log(`  started in ${Date.now() - began} ms`);
    serverIsUp();
  };
  const restart = async () => {
    up = new Promise((resolve) => (serverIsUp = resolve));
    await server.kill();
    f.kills++;
    await start();
  };
  /** Runs `step` until it succeeds; a turn cut by a kill is tried again once the server is back. */
  const persist = async <T>(step: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await step();
      } catch (err) {
        if (stopping) throw err;
        f.turnsCut++;
        await up;
      }
    }
  };

  const confirmed = new Map<number, string>();
  const finished = new Set<number>();
  const journey = async (i: number) => {
    // Spread over the cycles, so every cycle kills someone mid-way.
    while (cycle < Math.floor((i * o.cycles) / o.applicants)) await sleep(50);
    const say = counted(conversationWith(() => base, `crash-u${i}`, connector.url), `crash-u${i}`);
    const caseNo = await persist(async () => (await applyUntilConfirmed(say, i)) ?? Promise.reject(new Error('no confirmation')));
    confirmed.set(i, caseNo);
    await persist(async () => {
      for (const action of ['start_review', 'pass_review']) {
        const res = await admin(`/api/admin/cases/${caseNo}/actions`, { action, by: 'staff:crash-test' });
        if (res.status !== 200 && res.status !== 409) throw new Error(`${action}: HTTP ${res.status}`);
      }
    });
    const booked = await persist(async () => {
      const bookedOrFull = (replies: string[]) => (replies.some((r) => r.includes('约好了：')) ? 'booked' : replies.some((r) => r.includes('都约满了')) ? 'full' : undefined);
      const outcome = await answerUntil(say, i, bookedOrFull, { first: BOOK, recover: [BOOK], maxTurns: 10 });
      return outcome ?? Promise.reject(new Error('booking did not finish'));
    });
    if (booked === 'booked') f.bookingsConfirmed++;
    finished.add(i);
  };
  const journeys = Promise.all(Array.from({ length: o.applicants }, (_, i) => journey(i)));

  try {
    await start();
    for (; cycle < o.cycles; cycle++) {
      await sleep(o.upMs[0] + rand() * (o.upMs[1] - o.upMs[0]));
      log(`cycle ${cycle + 1}/${o.cycles}: SIGKILL; ${confirmed.size} confirmed so far`);
      await restart();
    }
    if (!(await Promise.race([journeys.then(() => true), sleep(o.finishMs).then(() => false)]))) {
      const stuck = Array.from({ length: o.applicants }, (_, i) => i).filter((i) => !finished.has(i));
      f.problems.push(`applicants unfinished ${o.finishMs} ms after the last kill: ${stuck.map((i) => `crash-u${i} (last: ${lastExchange.get(`crash-u${i}`)})`).join('; ')}`);
    }

    // A half-filled application survives a kill and carries on where it stopped.
    const drafter = counted(conversationWith(() => base, 'crash-draft', connector.url), 'crash-draft');
    const atPhone = await answerUntil(drafter, o.applicants, (replies) => (replies.at(-1)?.includes(text.application.prompts.phone) ? true : undefined));
    await restart();
    // The conversation either still stands at the question ("帮助" asks it again) or, its chat
    // state lost, offers the saved draft ("要接着填吗") and then asks it.
    const phone = text.application.prompts.phone;
    let reply = (await drafter('帮助')).at(-1) ?? '';
    if (!reply.includes(phone)) reply = (await drafter(START_APPLICATION)).at(-1) ?? '';
    if (reply.includes('有一份没填完的申请')) reply = (await drafter(text.application.resumeButtons[0])).at(-1) ?? '';
    f.draftResumableAfterKill = atPhone === true && reply.includes(phone);

    // Let the scheduler (every second) relay and deliver what is left, then check everything.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
      const { rows } = (await (await admin('/api/admin/outbox?status=pending&limit=500')).json()) as { rows: unknown[] };
      if (rows.length === 0) break;
    }
    await check(f, confirmed, admin, connector, o.applicants);
  } finally {
    stopping = true;
    await server.stop();
    await connector.close();
    await journeys.catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  f.seconds = Math.round((Date.now() - began) / 100) / 10;
  return f;
}

async function check(f: CrashFigures, confirmed: Map<number, string>, admin: (path: string) => Promise<Response>, connector: FakeConnector, applicants: number): Promise<void> {
  f.confirmedCases = confirmed.size;
  for (const caseNo of confirmed.values()) if ((await admin(`/api/admin/cases/${caseNo}`)).status === 200) f.casesPresent++;
  if (f.casesPresent !== f.confirmedCases) f.problems.push(`${f.confirmedCases - f.casesPresent} confirmed cases missing`);
  const { cases } = (await (await admin('/api/admin/cases?limit=500')).json()) as { cases: unknown[] };
  f.casesStored = cases.length;
  // One per applicant: a confirmation repeated across a kill never makes a second case.
  if (f.casesStored !== applicants) f.problems.push(`${f.casesStored} cases stored for ${applicants} applicants`);

  const { slots } = (await (await admin('/api/admin/slots')).json()) as { slots: { id: string; booked: number; capacity: number }[] };
  f.slotsOverCapacity = slots.filter((s) => s.booked > s.capacity).length;
  f.placesBooked = slots.reduce((sum, s) => sum + s.booked, 0);
  if (f.slotsOverCapacity) f.problems.push(`${f.slotsOverCapacity} sessions over capacity`);
  if (f.placesBooked !== f.bookingsConfirmed) f.problems.push(`${f.placesBooked} places booked for ${f.bookingsConfirmed} confirmed bookings`);

  const { rows } = (await (await admin('/api/admin/outbox?limit=500')).json()) as { rows: { dedupeKey: string; status: string }[] };
  f.statusUpdates = rows.length;
  f.statusUpdatesPending = rows.filter((r) => r.status !== 'delivered').length;
  for (const row of rows) {
    const n = connector.byKey.get(row.dedupeKey) ?? 0;
    if (n === 0) f.neverDelivered++;
    else f.statusUpdatesDelivered++;
    f.repeatsWithSameKey += Math.max(0, n - 1);
  }
  f.connectorPosts = connector.posts;
  if (connector.byKey.has(NO_KEY)) f.problems.push(`${connector.byKey.get(NO_KEY)} sends without a dedupe key`);
  // Each confirmed applicant was told of pre-review and of its passing: two updates each.
  if (f.statusUpdates !== 2 * confirmed.size) f.problems.push(`${f.statusUpdates} status updates for ${confirmed.size} cases (2 each expected)`);
  if (f.neverDelivered || f.statusUpdatesPending) f.problems.push(`${f.neverDelivered} status updates never delivered, ${f.statusUpdatesPending} not marked delivered`);
  if (!f.draftResumableAfterKill) f.problems.push('a half-filled application was not resumable after a kill');
}
