import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { workingDaysBetween } from '../../data/calendar.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import { STAGE_LIMITS, stageSince } from '../../data/workflow.js';
import { WECHAT_DELIVERY_KEEP_MS } from '../../data/wechat.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, testIdNumber } from '../fixtures/cases.js';
import { FakeClock, testConfig } from '../support.js';
import { startSmsApp } from './delivery/smsFixture.js';

const s = text.status;
const reference = { channelId: 'test', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'u', name: '' }, bot: { id: 'b', name: '' } };

async function withApp(clock: FakeClock): Promise<App> {
  return createApp({ config: testConfig(), logger: silentLogger, clock });
}

describe('daily jobs', () => {
  it('completes the 公示 only after 5 working days, counted over the New Year holiday', async () => {
    const clock = new FakeClock(new Date('2026-12-28T02:00:00Z')); // Monday 10:00 Beijing
    const app = await withApp(clock);
    const record = await app.stores.cases.create(newCase({ stage: 'appraised', conversation: reference }), clock.now());
    expect((await app.useCases.workflow.perform(record.caseNo, { action: 'start_notice', by: 'staff:village' })).ok).to.equal(true);
    expect((await app.stores.cases.get(record.caseNo))?.noticeEndsOn).to.equal('2027-01-05');
    clock.advance(8 * 86_400_000); // Tuesday 2027-01-05: the last day of the notice
    expect(await app.dailyJobs.completeNotices()).to.deep.equal([]);
    clock.advance(86_400_000); // Wednesday 2027-01-06
    expect(await app.dailyJobs.completeNotices()).to.deep.equal([record.caseNo]);
    const approved = await app.stores.cases.get(record.caseNo);
    expect(approved?.stage).to.equal('approved');
    expect(approved?.items.map((i) => i.status)).to.deep.equal(['approved', 'submitted', 'submitted']);
    expect(approved?.audit.at(-1)).to.include({ by: 'system:notice', action: 'complete_notice' });
    await app.useCases.relay.settled();
    const texts = (await app.stores.outbox.list({ caseNo: record.caseNo })).map((r) => r.text);
    expect(texts).to.include(s.prefixApplicant(record.caseNo) + s.notify.approved);
    await app.useCases.relay.settled();
    expect((await app.stores.outbox.list({ caseNo: record.caseNo })).map((r) => r.notice?.kind)).to.include('status').and.not.include('reminder');
    await app.close();
  });

  it("reminds tomorrow's appraisals once, however often the job runs", async () => {
    const clock = new FakeClock();
    const app = await withApp(clock);
    const record = await app.stores.cases.create(newCase({ conversation: reference }), clock.now());
    const slot = 'people:2026-11-24:am';
    expect((await app.stores.slots.reserve(slot, { caseNo: record.caseNo, userKey: 'test:u', category: '肢体' }, clock.now())).ok).to.equal(true);
    expect(await app.dailyJobs.remindAppraisals()).to.equal(0); // Friday: the appraisal is Tuesday
    clock.advance(3 * 86_400_000); // Monday
    expect(await app.dailyJobs.remindAppraisals()).to.equal(1);
    await app.dailyJobs.remindAppraisals();
    await app.useCases.relay.settled();
    const rows = await app.stores.outbox.list({ caseNo: record.caseNo });
    expect(rows).to.have.length(1);
    expect(rows[0].text).to.include('明天11月24日上午').and.include('示范市人民医院');
    // The row says it is a reminder (WeChat sends it as text, not as a status template).
    expect(rows[0].notice).to.deep.equal({ kind: 'reminder', applicant: '张*试' });
    await app.close();
  });

  it("lists cases past their stage's time limit in working days, and GET /api/admin/overdue shows them", async () => {
    const clock = new FakeClock();
    const app = await createApp({ config: testConfig({ adminToken: 'overdue-token' }), logger: silentLogger, clock });
    const base = await app.listen();
    const late = await app.stores.cases.create(newCase(), clock.now());
    await app.useCases.workflow.perform(late.caseNo, { action: 'start_review', by: 'staff:li' });
    clock.advance(14 * 86_400_000); // two weeks later: 10 working days have passed, not more
    const fresh = await app.stores.cases.create(newCase({ applicant: { idNumber: '110101201003074514' } }), clock.now());
    await app.useCases.workflow.perform(fresh.caseNo, { action: 'start_review', by: 'staff:li' });
    expect(await app.dailyJobs.overdue()).to.deep.equal([]);
    clock.advance(3 * 86_400_000); // Monday: the 11th working day
    const overdue = await app.dailyJobs.overdue();
    expect(overdue.map((o) => o.caseNo)).to.deep.equal([late.caseNo]);
    expect(overdue[0]).to.include({ stage: 'pre_review', limit: 10 });
    const res = await fetch(`${base}/api/admin/overdue`, { headers: { authorization: 'Bearer overdue-token' } });
    expect(((await res.json()) as { overdue: { caseNo: string }[] }).overdue.map((o) => o.caseNo)).to.deep.equal([late.caseNo]);
    expect((await fetch(`${base}/api/admin/overdue`)).status).to.equal(401);
    await app.close();
  });

  it('finds exactly the overdue cases a scan of every case finds, over holidays and every stage with a limit', async () => {
    const clock = new FakeClock(new Date('2026-09-01T02:00:00Z'));
    const app = await withApp(clock);
    const actions = [[], ['start_review'], ['start_review', 'pass_review'], ['start_review', 'return']] as const;
    const made: string[] = [];
    // A case every 1.5 days over National Day, left at different stages.
    for (let i = 0; i < 40; i++) {
      const c = await app.stores.cases.create(newCase({ applicant: { idNumber: testIdNumber(i) }, ...(i % 5 === 4 ? { stage: 'appraised' as const } : {}) }), clock.now());
      for (const action of actions[i % actions.length]) await app.useCases.workflow.perform(c.caseNo, { action, by: 'staff:li', note: '请补充照片' });
      made.push(c.caseNo);
      clock.advance(36 * 3_600_000);
    }
    const today = shanghaiDate(clock.now());
    const all = await Promise.all(made.map((no) => app.stores.cases.get(no)));
    const scanned = all
      .filter((c) => c && c.status !== 'closed' && STAGE_LIMITS[c.stage] !== undefined)
      .filter((c) => workingDaysBetween(app.region, shanghaiDate(new Date(stageSince(c!))), today) > STAGE_LIMITS[c!.stage]!)
      .map((c) => c!.caseNo)
      .sort();
    const found = await app.dailyJobs.overdue();
    expect(scanned.length).to.be.within(5, 35);
    expect(found.map((o) => o.caseNo).sort()).to.deep.equal(scanned);
    for (const o of found) expect(o.workingDays).to.be.above(o.limit);
    await app.close();
  });

  it('schedules the duty phones\' deadline alerts (a scan of every open case) only while SMS is on', async () => {
    const names = (app: App) => app.dailyJobs.jobs().map((j) => j.name);
    const off = await withApp(new FakeClock());
    expect(names(off)).to.include('overdue-watch').and.not.include('deadline-alerts');
    await off.close();
    const on = await startSmsApp();
    expect(names(on.app)).to.include('overdue-watch').and.include('deadline-alerts');
    await on.close();
  });

  it('forgets the WeChat push keys a day old in the nightly housekeeping, and keeps newer ones', async () => {
    const clock = new FakeClock();
    const app = await withApp(clock);
    expect(app.dailyJobs.jobs().map((j) => j.name)).to.include('housekeeping');
    await app.stores.wechat.takePush({ key: 'msg:old', openId: 'oA', effect: 'message' }, clock.now());
    clock.advance(WECHAT_DELIVERY_KEEP_MS + 60_000);
    await app.stores.wechat.takePush({ key: 'msg:new', openId: 'oA', effect: 'message' }, clock.now());
    expect(await app.dailyJobs.housekeeping()).to.equal(1);
    expect(await app.stores.wechat.takePush({ key: 'msg:new', openId: 'oA', effect: 'message' }, clock.now())).to.equal(false);
    expect(await app.stores.wechat.takePush({ key: 'msg:old', openId: 'oA', effect: 'message' }, clock.now())).to.equal(true);
    await app.close();
  });
});
