import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { applyOnline, dialogHarness } from './harness.js';

// The newcomer trial 14's dialog faults of the hand-off, the home appraisal, the booking's materials and the photo step.
const h = text.handoff;

describe('trial 14: a deaf person\'s first message, in any wording, gets the typed desk, never a call', () => {
  // Said without "我" ("聋哑人 不会说话"), or asking for someone to type back ("有没有人能打字回俺").
  for (const said of ['俺是聋人 电话打不了 有没有人能打字回俺', '聋哑人 不会说话 能不能打字找人工']) {
    it(`"${said}" with the desk closed: queued for a typed reply, no hotline, no phone asked`, async () => {
      const bot = await dialogHarness();
      bot.desk.agentsOnDuty = 0;
      const reply = (await bot.say(said)).text ?? '';
      expect(reply).to.equal(h.queuedTyped(bot.region.desk.hours)).and.not.include('12345');
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
      expect((await bot.say(said)).text).to.equal(h.closedAskPhone(bot.region.desk.hours));
    });
  }

  it('"转人工" asks for a phone; "俺耳朵不好使 接不了电话 就在这打字吧" queues a typed reply with those words on the hand-off', async () => {
    const bot = await dialogHarness();
    bot.desk.agentsOnDuty = 0;
    expect((await bot.say('转人工')).text).to.equal(h.closedAskPhone(bot.region.desk.hours));
    expect((await bot.say('俺耳朵不好使 接不了电话 就在这打字吧')).text).to.equal(h.queuedTyped(bot.region.desk.hours));
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
