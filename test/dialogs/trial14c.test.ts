import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { applyOnline, dialogHarness, withCase } from './harness.js';

// The newcomer trial 14's dialog faults of the hand-off, the home appraisal, the booking's materials and the photo step.
const h = text.handoff;

describe('trial 14: a deaf person\'s first message, in any wording, gets the typed desk, never a call', () => {
  // Said without "我" ("聋哑人 不会说话"), or asking for someone to type back ("有没有人能打字回俺").
  for (const said of ['俺是聋人 电话打不了 有没有人能打字回俺', '聋哑人 不会说话 能不能打字找人工']) {
    it(`"${said}" with the desk closed: queued for a typed reply, no hotline, no phone asked`, async () => {
      const bot = await dialogHarness();
      bot.desk.agentsOnDuty = 0;
      const reply = (await bot.say(said)).text ?? '';
      expect(reply).to.equal(h.nobodyTyped).and.not.include('12345');
      expect(await bot.handoffStore.list({ status: ['callback'] })).to.have.length(0);
      const [queued] = await bot.handoffStore.list({ status: ['queued'] });
      expect(queued.typedOnly).to.equal(true);
    });

    it(`"${said}" with the desk open: queued`, async () => {
      const bot = await dialogHarness();
      expect((await bot.say(said)).text).to.equal(h.queued(0, 4));
    });
  }

  for (const said of ['孩子是聋哑人 不会说话 找人工', '我爸耳朵聋 不会说话 要人工']) {
    it(`"${said}" is about someone else: a phone is asked for the call-back`, async () => {
      const bot = await dialogHarness();
      bot.desk.agentsOnDuty = 0;
      expect((await bot.say(said)).text).to.equal(h.nobodyAskPhone);
    });
  }

  it('"转人工" asks for a phone; "俺耳朵不好使 接不了电话 就在这打字吧" queues a typed reply with those words on the hand-off', async () => {
    const bot = await dialogHarness();
    bot.desk.agentsOnDuty = 0;
    expect((await bot.say('转人工')).text).to.equal(h.nobodyAskPhone);
    expect((await bot.say('俺耳朵不好使 接不了电话 就在这打字吧')).text).to.equal(h.nobodyTyped);
    const [queued] = await bot.handoffStore.list({ status: ['queued'] });
    expect(queued.typedOnly).to.equal(true);
    expect(queued.messages.filter((m) => m.from === 'person').map((m) => m.text)).to.deep.equal(['转人工', '俺耳朵不好使 接不了电话 就在这打字吧']);
  });
});

describe('trial 14: the photo step says it takes photos only, and a PDF there is refused in those words', () => {
  const u = text.upload;
  it('the request says the two-inch photo is a photo; a PDF for it is told "两寸照要发照片，不能用PDF"; the next material takes a PDF', async () => {
    const h = await dialogHarness();
    const { replies } = await applyOnline(h);
    const intro = replies.map((r) => r.text ?? '').find((t) => t.startsWith('接下来请把要交的')) ?? '';
    expect(intro).to.equal(u.intro(2, true)).and.include('两寸照要发照片');
    const pdf = dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', 'photo.pdf');
    const refused = (await h.sendFiles([pdf])).at(-1)?.text ?? '';
    expect(refused).to.equal(`${u.problems.notPhoto}\n${u.ask.photos}`).and.include('不能用PDF');
    expect(refused).to.not.include('或者PDF');
    await h.sendFiles([dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg', 'photo.jpg')]);
    expect((await h.sendFiles([pdf])).map((r) => r.text ?? '').join('\n')).to.include(u.received(u.names.guardianProof));
  });
});

describe('trial 14: a home appraisal asked for at any step of the application, and after submitting', () => {
  const t = text.application;
  const toAddress = ['我要申请', '同意', '给我自己', '1', '选好了', '王建国', '11010519491231002X', '13812345678', '示范县', '肢体', '网上提交', '邮寄到家'];
  const toSummary = [...toAddress, '示范县人民路12号'];
  const draftOf = async (h: Awaited<ReturnType<typeof dialogHarness>>) => (await h.drafts.get('test:user1'))?.draft;

  it('at the address step "俺娘出不了门 能上门办的那种不" registers it and asks the address again', async () => {
    const h = await dialogHarness();
    for (const said of toAddress) await h.say(said);
    const replies = (await h.send('俺娘出不了门 能上门办的那种不')).map((r) => r.text ?? '');
    expect(replies.join('\n')).to.include(t.homeVisit.appraisal);
    expect(replies.at(-1)).to.include(t.prompts.address);
    expect((await draftOf(h))?.values.homeAppraisal).to.be.a('string');
    expect((await h.say('示范县人民路12号')).text).to.include(t.homeVisit.summaryLine);
  });

  for (const said of ['她下不了床 要上门的那种', '要上门评定']) {
    it(`at the summary "${said}" registers it and shows the summary again with it`, async () => {
      const h = await dialogHarness();
      for (const x of toSummary) await h.say(x);
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies.join('\n')).to.include(t.homeVisit.appraisal);
      expect(replies.at(-1)).to.include(t.homeVisit.summaryLine);
      const submitted = (await h.send('确认提交')).map((r) => r.text ?? '').join('\n');
      expect(submitted).to.include(t.homeVisit.recorded);
    });
  }

  for (const said of ['能让医生上家里来鉴定不', '她下不了床 能让医生上家里来鉴定不']) {
    it(`after submitting, "${said}" on the applicant's own case registers the home appraisal`, async () => {
      const h = await withCase('submitted');
      const reply = (await h.send(said)).map((r) => r.text ?? '').join('\n');
      expect(reply).to.include('已经为您登记了上门鉴定');
      expect((await h.cases.get(h.record.caseNo))?.homeAppraisal).to.not.equal(undefined);
    });
  }
});

describe('trial 14: what to bring, just after booking, is the booked appraisal\'s list', () => {
  const b = text.booking;
  for (const asked of ['要带啥', '去鉴定那天得带点啥']) {
    it(`"${asked}" after booking in one's own words gets the hospital's list for the appraisal`, async () => {
      const h = await withCase('appraisal_scheduled');
      for (const said of ['俺想约个鉴定', '算了 俺让娃拉俺去医院', '最早啥时候']) await h.say(said);
      expect((await h.say('2')).text).to.include('约好了');
      const hospital = h.region.hospitals.find((x) => x.categories.includes('肢体'))!;
      const reply = (await h.send(asked)).map((r) => r.text ?? '').join('\n');
      expect(reply).to.include(b.bring(hospital.name, hospital.bring['肢体']!));
      expect(reply).to.not.include('申请表');
    });
  }

  it('"要带啥" just after booking, a policy question asked before it, gets the appraisal\'s list, not the window\'s materials', async () => {
    const h = await withCase('appraisal_scheduled');
    await h.say('残疾证怎么办');
    for (const said of ['预约鉴定', '最早什么时候', '1']) await h.say(said);
    const hospital = h.region.hospitals.find((x) => x.categories.includes('肢体'))!;
    expect((await h.send('要带啥')).map((r) => r.text ?? '').join('\n')).to.include(b.bring(hospital.name, hospital.bring['肢体']!));
  });
});
