import { expect } from 'chai';
import { withoutSms } from '../../dialogs/replies.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness } from './harness.js';

const t = text.booking;

/** A harness whose chat user has a case waiting for its appraisal, optionally asked for at home. */
async function atAppraisal(home = false) {
  const h = await dialogHarness();
  const record = await h.cases.create(
    newCase({
      submittedBy: { role: 'self', userKey: 'test:user1' },
      applicant: { category: '听力' },
      items: [{ id: 'cert-new', department: '残联', status: 'submitted' }],
      stage: 'appraisal_scheduled',
      ...(home && { homeAppraisal: { requestedAt: h.clock.now().toISOString(), reason: '卧床' } }),
    }),
    h.clock.now(),
  );
  return { ...h, record };
}

const all = async (h: Awaited<ReturnType<typeof dialogHarness>>, input: string) => (await h.send(input)).map((r) => r.text ?? '').join('\n');

describe('at the appraisal stage, outside the booking', () => {
  it('"要带啥" gives what to take to the appraisal at the case\'s hospital, not the application\'s materials', async () => {
    const h = await atAppraisal();
    const hospital = h.region.hospitals.find((x) => x.categories.includes('听力'))!;
    expect(await all(h, '要带啥')).to.equal(t.bring(hospital.name, hospital.bring['听力']!));
  });

  it('"要带啥" after an answer about another errand follows that answer', async () => {
    const h = await atAppraisal();
    await h.say('残疾证丢了咋补');
    expect(await all(h, '要带啥')).to.not.include('做评定要带');
  });

  it('"要带啥" with no case at the appraisal stage is the application\'s question, as before', async () => {
    const h = await dialogHarness();
    const said = await all(h, '要带啥');
    expect(said).to.not.include('做评定要带');
  });

  it('"想约个时间去鉴定" after asking for a home appraisal asks whether the home visit still stands before booking', async () => {
    const h = await atAppraisal(true);
    const replies = await h.send('想约个时间去鉴定');
    expect(replies.map((r) => r.text)).to.deep.equal([t.homeStillWanted]);
    expect(buttons(replies[0])).to.deep.equal(t.homeStillButtons);
  });

  it('"俺娘要去鉴定 咋约" from someone whose appraisal is to be booked starts the booking; with no such case it is a question', async () => {
    const h = await atAppraisal();
    expect((await h.send('俺娘要去鉴定 咋约')).map((r) => r.text)).to.deep.equal([t.askWhen]);
    const other = await dialogHarness();
    expect(await all(other, '俺娘要去鉴定 咋约')).to.not.include(t.askWhen);
  });

  it('"想约个时间去鉴定" with no home request goes straight to the booking', async () => {
    const h = await atAppraisal();
    expect((await h.send('想约个时间去鉴定')).map((r) => r.text)).to.deep.equal([t.askWhen]);
  });

  it('"上午几点到啊" at the confirmation is answered (the hospital\'s text says) and the same confirmation asked again', async () => {
    const h = await atAppraisal();
    const hospital = h.region.hospitals.find((x) => x.categories.includes('听力'))!;
    expect((await h.say('预约下周二上午')).text).to.equal(t.confirmWhen('11月24日（周二）上午'));
    const replies = await h.send('上午几点到啊');
    expect(replies[0].text).to.equal(withoutSms(t.hour(hospital.name, hospital.phone)));
    expect(replies.at(-1)!.text).to.include(t.confirmWhen('11月24日（周二）上午'));
    expect((await h.say('对')).text).to.include('约好了：11月24日（周二）上午');
  });

  it('"几点到" after booking, outside the booking, says the booking and where the hour comes from', async () => {
    const h = await atAppraisal();
    await h.say('预约下周二上午');
    await h.say('对');
    const hospital = h.region.hospitals.find((x) => x.categories.includes('听力'))!;
    const said = await all(h, '几点到');
    expect(said).to.include('11月24日（周二）上午').and.include(withoutSms(t.hour(hospital.name, hospital.phone)));
  });

  it('"医院在哪" names the case\'s own hospital, in the booking and outside it; another category named is the knowledge base\'s', async () => {
    const h = await atAppraisal();
    const hospital = h.region.hospitals.find((x) => x.categories.includes('听力'))!;
    expect(await all(h, '在哪家医院鉴定')).to.equal(t.where(hospital.name, hospital.address));
    await h.say('预约下周二上午');
    const replies = await h.send('医院在哪');
    expect(replies[0].text).to.equal(t.where(hospital.name, hospital.address));
    expect(replies.at(-1)!.text).to.include(t.confirmWhen('11月24日（周二）上午'));
    expect(await all(h, '取消')).to.not.include('您的评定在');
    expect(await all(h, '视力的在哪鉴定')).to.not.include('您的评定在');
  });
});
