import { Privacy } from '../../cases/privacy.js';
import { expect } from 'chai';
import { ConversationState, MemoryStorage, type Activity, type Attachment } from 'botbuilder';
import { attachmentDownloads } from '../../bot/attachmentDownloads.js';
import { DialogTestClient } from 'botbuilder-testing';
import { pinLocale } from '../../bot/middleware.js';
import { DiskFileStore } from '../../data/files/diskFileStore.js';
import { LowdbCaseStore } from '../../data/lowdb/lowdbCaseStore.js';
import { LowdbDraftStore } from '../../data/lowdb/lowdbDraftStore.js';
import { LowdbSlotStore } from '../../data/lowdb/lowdbSlotStore.js';
import { LowdbOutboxStore } from '../../data/lowdb/lowdbOutboxStore.js';
import { LowdbFamilyStore } from '../../data/lowdb/lowdbFamilyStore.js';
import { CaseUseCases } from '../../cases/index.js';
import { statusTexts, text } from '../../dialogs/text/index.js';
import { LowdbFeedbackStore, LowdbUnansweredStore } from '../../data/lowdb/lowdbKnowledgeStores.js';
import type { ApplicationDraft } from '../../dialogs/application/applicationDialog.js';
import { MainDialog } from '../../dialogs/mainDialog.js';
import type { CheckedCase } from '../../dialogs/status/familyChecks.js';
import { Handoffs } from '../../cases/handoffs.js';
import { Ratings } from '../../cases/ratings.js';
import { LowdbRatingStore } from '../../data/lowdb/lowdbRatingStore.js';
import type { MaterialFile, Stage } from '../../data/cases.js';
import type { HandoffMessage } from '../../data/handoffs.js';
import { LowdbCallStore } from '../../data/lowdb/lowdbCallStore.js';
import { LowdbHandoffStore } from '../../data/lowdb/lowdbHandoffStore.js';
import { HandoffGate } from '../../dialogs/handoff/handoffGate.js';
import { PolicyAnswers, type KbConversationState } from '../../dialogs/policyAnswers.js';
import { FakeClock, shippedKnowledge, tempDir } from '../support.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';

export interface HarnessOptions {
  /** Reuse a data folder: a new harness over it is the bot after a restart. */
  dataDir?: string;
  clock?: FakeClock;
  /** SMS on: the application asks where progress notices go, and updates may go by SMS. */
  sms?: boolean;
}

/**
 * The main dialog under DialogTestClient with real lowdb stores on a temp folder and a fake
 * clock. `say` sends one message and returns the bot's replies to it.
 */
export async function dialogHarness({ dataDir = tempDir(), clock = new FakeClock(), sms = false }: HarnessOptions = {}) {
  const { kb, region } = shippedKnowledge();
  const unanswered = await LowdbUnansweredStore.open(dataDir);
  const feedback = await LowdbFeedbackStore.open(dataDir);
  const cases = await LowdbCaseStore.open(dataDir);
  const drafts = await LowdbDraftStore.open<ApplicationDraft>(dataDir, 'application');
  const slots = await LowdbSlotStore.open(dataDir);
  const outbox = await LowdbOutboxStore.open(dataDir);
  const family = await LowdbFamilyStore.open(dataDir);
  const files = DiskFileStore.open(dataDir);
  // Ratings are made further down; a settled case asks through them.
  let ratingsOf: Ratings | undefined;
  const useCases = new CaseUseCases({
    cases, slots, outbox, family, files, region, clock, texts: statusTexts, itemNames: text.application.itemNames,
    onSettled: (record, stage) => ratingsOf!.askForCase(record, stage),
    sms,
  });
  const { workflow } = useCases;
  const conversationState = new ConversationState(new MemoryStorage());
  const handoffStore = await LowdbHandoffStore.open(dataDir);
  const calls = await LowdbCallStore.open(dataDir);
  const desk = { agentsOnDuty: 1 };
  const ratingStore = await LowdbRatingStore.open(dataDir);
  const ratings = new Ratings({ ratings: ratingStore, outbox, calls, clock, region, texts: text.rating });
  ratingsOf = ratings;
  const handoffs = new Handoffs({
    handoffs: handoffStore, outbox, calls, cases, region, clock, texts: text.handoff,
    onDuty: () => desk.agentsOnDuty,
    quietMs: 5 * 60_000,
    afterTalk: (x, phone, inTurn) => ratings.askAfterHandoff(x, phone, inTurn),
  });
  const handoffGate = new HandoffGate(handoffs, conversationState.createProperty<HandoffMessage[]>('recentMessages'), ratings, clock, region, async (userKey) => (await drafts.get(userKey))?.draft.values.phone);
  const answers = new PolicyAnswers(
    { kb, unanswered, feedback, clock, hotlines: region.hotlines, handoff: handoffGate, sms },
    conversationState.createProperty<KbConversationState>('kb'),
  );
  const dialog = new MainDialog(answers, region.hotlines, { drafts, cases, useCases, region, clock, sms }, { slots, cases, useCases, region, clock, sms }, { cases, family, useCases, region, clock, checked: conversationState.createProperty<CheckedCase | undefined>('checkedCase') }, { privacy: new Privacy({ cases, drafts, family, files, clock }), access: useCases.access, cases, family, clock }, handoffGate);
  // Files reach the dialogs as in the app: fetched by the middleware (here only inline data: URLs).
  const downloads = attachmentDownloads({ maxBytes: 12 * 1024 * 1024, allowed: () => false, credentials: async () => ({}) });
  const client = new DialogTestClient('test', dialog, undefined, [pinLocale, downloads], conversationState);

  /** All replies to one message (text, or files as attachments), in order. */
  const send = async (input: string, locale = 'zh-CN', from = 'user1', attachments?: Attachment[]): Promise<Partial<Activity>[]> => {
    const first = await client.sendActivity({ type: 'message', text: input, locale, from: { id: from, name: from }, ...(attachments ? { attachments } : {}) } as Partial<Activity>);
    const replies = first ? [first as Partial<Activity>] : [];
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next as Partial<Activity>);
    // The turn's status updates reach the outbox just after it (the case write holds them).
    await useCases.relay.settled();
    return replies;
  };
  /** The last reply to one message from another chat user (a family member). */
  const sayAs = (from: string, input: string) => say(input, 'zh-CN', from);
  /** The last reply to one message (the question the bot now asks). */
  const say = async (input: string, locale = 'zh-CN', from = 'user1'): Promise<Partial<Activity>> => {
    const replies = await send(input, locale, from);
    expect(replies.length, `no reply to ${input}`).to.be.greaterThan(0);
    return replies[replies.length - 1];
  };
  /** The replies to a message carrying files (and no words, as a photo sent from a phone). */
  const sendFiles = (attachments: Attachment[], from = 'user1') => send('', 'zh-CN', from, attachments);
  return { say, sayAs, send, sendFiles, files, handoffs, handoffStore, ratings, ratingStore, calls, desk, unanswered, feedback, cases, drafts, slots, outbox, family, workflow, useCases, kb, region, dataDir, clock };
}

/** A harness with a case filed by "user1" for its applicant (王建国, 肢体, 残疾人证新办), at the given stage. */
export async function withCase(stage: Stage = 'appraisal_scheduled') {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { name: '王建国', phone: '13900000000', category: '肢体' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage }),
    h.clock.now(),
  );
  return { ...h, record };
}

/** The chat user's case at the appraisal stage, a home appraisal asked for. */
export async function homeRequested() {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
    h.clock.now(),
  );
  expect(await h.useCases.appointments.requestHome(record.caseNo, 'test:user1', '卧床')).to.equal('recorded');
  return { ...h, caseNo: record.caseNo };
}

/** An online case of the chat user asking for the photo, returned by staff for its phone; `photo` is what became of the photo sent. */
export async function returnedCase(photoStatus?: MaterialFile['status']) {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({
      submittedBy: { role: 'self', userKey: 'test:user1' },
      applicant: { phone: '13900000000' },
      materials: { verified: ['idCard', 'hukouBook'], toSubmit: ['photos'] },
    }),
    h.clock.now(),
  );
  if (photoStatus) {
    const file: MaterialFile = { fileId: 'f1', mime: 'image/jpeg', size: 1000, receivedAt: h.clock.now().toISOString(), status: photoStatus };
    await h.cases.update(record.caseNo, (c) => void (c.materials.files = { photos: [file] }), { by: 'chat:test:user1', action: 'material-receive' }, h.clock.now());
  }
  await h.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
  await h.workflow.perform(record.caseNo, { action: 'return', by: 'staff:li', note: '电话号码打不通', fields: ['phone'] });
  return { ...h, caseNo: record.caseNo };
}

/** What each button sends when tapped: its label (the title shows it numbered). */
export const buttons = (a: Partial<Activity>) => a.suggestedActions?.actions.map((x) => x.value as string) ?? [];

/** One turn of a scripted conversation: what the user types, and a fragment the bot's last reply must contain. */
export type Step = [input: string, expect: string];

/** Plays the steps on a harness (a new one unless given) and resolves to it. */
export async function run(steps: Step[], harness?: Awaited<ReturnType<typeof dialogHarness>>) {
  const h = harness ?? (await dialogHarness());
  for (const [input, fragment] of steps) {
    const reply = await h.say(input);
    expect(reply.text, `after "${input}"`).to.include(fragment);
  }
  return h;
}

const app = text.application;

/** Self, a new certificate, online, mailed: at the address question. */
export const selfNewCertificateToAddress: Step[] = [
  ['我要申请', app.consent],
  ['同意', app.prompts.role],
  ['给我自己', app.prompts.items],
  ['1', app.prompts.itemsMore('残疾人证新办')],
  ['选好了', app.prompts.name],
  ['王建国', app.prompts.idNumber],
  ['11010519491231002X', app.prompts.phone],
  ['13812345678', app.prompts.hukou],
  ['示范县', app.prompts.category],
  ['肢体', app.prompts.channel],
  ['网上提交', app.prompts.delivery],
  ['邮寄到家', app.prompts.address],
];

/** Self, a new certificate and the living allowance: at the 低保 question. */
export const selfAtDibao: Step[] = [
  ...selfNewCertificateToAddress.slice(0, 4),
  ['困难残疾人生活补贴', app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')],
  ['选好了', app.prompts.name],
  ...selfNewCertificateToAddress.slice(5, 9),
  ['肢体', app.prompts.dibao],
];

/** Someone applying for a minor relative (`forWhom`, "给我孙女办"), a new certificate: at the guardian's name. */
export const guardianNameFor = (forWhom: string): Step[] => [
  ['我要办残疾证', app.consent],
  ['同意', app.prompts.role],
  ['替家人或被监护人', app.prompts.relation],
  [forWhom, app.prompts.itemsMore('残疾人证新办')],
  ['就这些', app.prompts.name],
  ['王小明', app.prompts.idNumber],
  ['110101201003074514', app.prompts.phone],
  ['13812345678', app.prompts.hukou],
  ['示范县', app.prompts.category],
  ['听力', app.prompts.guardianName],
];

/**
 * A parent applies online for a minor's certificate (photos and the guardian's proof to hand in)
 * and confirms; resolves to the case number and the replies to "确认提交".
 */
export async function applyOnline(h: Awaited<ReturnType<typeof dialogHarness>>): Promise<{ caseNo: string; replies: Partial<Activity>[] }> {
  for (const input of ['我要办残疾证', '同意', '替家人或被监护人', '父母', '残疾人证（第一次办）', '就这些', '王小明', '110101201003074514', '13812345678', '示范县', '听力', '王建国', '11010519491231002X', '父母', '网上', '自取']) {
    await h.say(input);
  }
  const replies = await h.send('确认提交');
  return { caseNo: /YC\d{12}/.exec(replies.map((r) => r.text).join('\n'))![0], replies };
}

/** The start of an entry's answer, as a reply holding it shows it. */
export const answerStart = (h: Awaited<ReturnType<typeof dialogHarness>>, id: string) => h.kb.entry(id)!.answer.slice(0, 20);

/** A test that a question, the first message of a new chat, is answered by one of these entries (and holds nothing matching `not`). */
export const itAnswers = (said: string, ids: string[], not?: RegExp) =>
  it(`"${said}": ${ids.join(' or ')}`, async () => {
    const h = await dialogHarness();
    const reply = await h.say(said);
    expect(ids.some((id) => reply.text!.includes(answerStart(h, id))), reply.text).to.equal(true);
    if (not) expect(reply.text).to.not.match(not);
  });

/** A relative at "要不要以后有进展时也通知您？", the case (filed by the applicant) checked. */
export async function atSubscribe(): Promise<{ h: Awaited<ReturnType<typeof dialogHarness>>; caseNo: string }> {
  const h = await dialogHarness();
  const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:grandma' } }), h.clock.now());
  await h.say('帮家人查进度');
  await h.say(record.caseNo);
  expect((await h.say(SAMPLE_ID_NUMBER.slice(-6))).text).to.include(text.status.subscribeAsk);
  return { h, caseNo: record.caseNo };
}

/**
 * The applicant (user1) booked 12月10日上午 (unless `booked` is false); the son checks the case and sees
 * the offer of updates. `ask`: all the replies to what the son says, joined.
 */
export async function sonChecked(booked = true) {
  const h = await withCase();
  if (booked) {
    await h.say('我想预约12月10日上午鉴定');
    await h.say('对');
  }
  await h.sayAs('son', h.record.caseNo);
  expect((await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(text.status.subscribeAsk);
  const ask = async (said: string) => (await h.send(said, 'zh-CN', 'son')).map((a) => a.text ?? '').join('\n');
  return { ...h, ask };
}

/** The bot's replies to each turn of one conversation, each joined into one text, its buttons' titles too. */
export async function conversationReplies(turns: string[]): Promise<string[]> {
  const h = await dialogHarness();
  const out: string[] = [];
  for (const t of turns) out.push((await h.send(t)).map((a) => [a.text ?? '', ...(a.suggestedActions?.actions.map((b) => b.title ?? '') ?? [])].join('\n')).join('\n'));
  return out;
}
