import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { dialogHarness } from './harness.js';

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

  it('"想约个时间去鉴定" after asking for a home appraisal says that request stands, then books', async () => {
    const h = await atAppraisal(true);
    const replies = await h.send('想约个时间去鉴定');
    expect(replies[0].text).to.equal(t.homeAskedBefore);
    expect(replies.at(-1)!.text).to.equal(t.askWhen);
  });

  it('"想约个时间去鉴定" with no home request goes straight to the booking', async () => {
    const h = await atAppraisal();
    expect((await h.send('想约个时间去鉴定')).map((r) => r.text)).to.deep.equal([t.askWhen]);
  });
});
