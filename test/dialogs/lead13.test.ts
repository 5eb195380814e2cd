import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { recognizeBookingIntent } from '../../dialogs/booking/bookingDialog.js';
import { SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { buttons, dialogHarness, guardianNameFor, run, selfNewCertificateToAddress, withCase } from './harness.js';

const app = text.application;

// The lead's own probes of session 13, in people's words.
describe('lead 13: a relative asks for the card and the money it brings', () => {
  for (const said of [
    '俺爹八十了瘫床上好几年了 想给他办个证领点补贴',
    '想给俺爹办个证领点补贴',
    '俺娘要办个证好领补贴',
    '俺娘眼睛瞎了好几年了 想给她办个证',
  ]) {
    it(`"${said}" starts the form`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.equal(app.consent);
    });
  }

  it('another office\'s card with the money is still declined', async () => {
    const h = await dialogHarness();
    expect((await h.say('俺爹想办个老年证领点钱')).text).to.not.equal(app.consent);
    expect((await h.say('俺爹想办个老年证领点钱')).text).to.include('不在这里办');
  });
});

describe('lead 13: laughter and keyboard mashing ask nothing', () => {
  for (const said of ['哈哈哈哈', '呵呵', 'qwertyuiop', '啊啊啊啊sdfgh']) {
    it(`"${said}" is said to be unread, with the menu, and not kept for the curators`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.equal(text.noWords);
      expect(buttons(reply)).to.include('转人工');
      expect(await h.unanswered.list(10)).to.deep.equal([]);
    });
  }

  it('a question wrapped in sighs is still answered', async () => {
    const h = await dialogHarness();
    expect((await h.say('啊这个残疾证咋办啊')).text).to.include('申请');
  });
});

describe('review 13: what someone else said, and money late, read no wider than meant', () => {
  for (const said of ['听说可以在网上办 我要给俺娘办残疾证', '村里人说让我来这办 我要申请残疾证', '人家说这能办 帮我申请护理补贴']) {
    it(`"${said}": the request in the speaker's own clause starts the form`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.equal(app.consent);
    });
  }

  it('what someone else said is still no request', async () => {
    const h = await dialogHarness();
    expect((await h.say('有人说交钱能帮忙快点办证 靠谱不')).text).to.not.equal(app.consent);
  });

  it('money late needs an allowance named, and no look-up or refusal said', async () => {
    const h = await dialogHarness();
    const id = (q: string) => {
      const d = h.kb.decide(q);
      return d.kind === 'answer' ? d.top.entry.id : d.kind;
    };
    for (const q of ['护理补贴咋还没到账', '残疾证办下来了 护理补贴咋还没到账 都三个月了', '补贴一直没打过来']) expect(id(q), q).to.equal('sub-start-time');
    for (const q of ['我家的生活补贴申请还没下来 到哪一步了', '帮我查一下护理补贴申请咋还没下来', '看病的钱没给报销 残疾人能报吗', '评定的钱还没给 会影响拿证不']) {
      expect(id(q), q).to.not.equal('sub-start-time');
    }
    // Named only as the person asking, ours is not asked: the other office's decline stands.
    expect(h.kb.decide('看病的钱没给报销 残疾人能报吗').kind).to.equal('decline');
  });
});

describe('trial 19: the "too many tries" menu reached at the summary leads back to it', () => {
  for (const way of ['再试一次', '确认提交']) {
    it(`"${way}" at the menu: the summary, then the case submitted`, async () => {
      const h = await run([...selfNewCertificateToAddress, ['示范县城关镇东大街12号', app.summary.intro]]);
      for (const miss of ['xyz', '人民路15号吧吧']) expect((await h.say(miss)).text).to.equal(app.errors.choice);
      expect((await h.say('qqq')).text).to.equal(app.tooManyTries);
      const back = await h.send(way);
      if (way === '再试一次') {
        expect(back.at(-1)!.text).to.include(app.summary.intro);
        await h.send('确认提交');
      }
      expect(await h.cases.openCasesOfUser('test:user1')).to.have.length(1);
    });
  }
});

describe('trial 19: with SMS off, asked whether SMS comes, the answer is no', () => {
  for (const said of ['会发短信告诉我不', '办好了会给我发短信不', '会不会发短信告诉我']) {
    it(`"${said}"`, async () => {
      const h = await dialogHarness();
      const reply = (await h.say(said)).text!;
      expect(reply).to.not.match(/^会。/u);
      expect(reply).to.include('不往手机上发，每一步都会在这个聊天里告诉您');
    });
  }
});

describe('trial 19: laughter or mashing right after an answer follows up nothing', () => {
  for (const said of ['哈哈哈', 'asdfgh', '呵呵', 'jjjjkkk']) {
    it(`"${said}" after an answer is said to be unread; in the form, the step is asked again`, async () => {
      const h = await dialogHarness();
      await h.say('残疾证怎么办');
      expect((await h.say(said)).text).to.equal(text.noWords);
      await run([['我要申请', app.consent], ['同意', app.prompts.role]], h);
      expect((await h.say(said)).text).to.not.include(text.flow.asideUnknown(h.region.hotlines));
      expect(await h.unanswered.list(10)).to.deep.equal([]);
    });
  }
});

describe('trial 19: a command typed at a name is no name', () => {
  for (const said of ['确认提交', '提交吧']) {
    it(`"${said}" at the guardian's name is not kept as the name`, async () => {
      const h = await run(guardianNameFor('给我儿子办'));
      await h.say(said);
      expect((await h.drafts.get('test:user1'))?.draft.values.guardianName).to.equal(undefined);
    });
  }
});

describe('blind s17 (after its one run): the card said as had, with money asked, asks of the money', () => {
  for (const said of ['腿截肢了 办了残疾证后能领啥补贴', '我眼睛瞎了 有了残疾证能领啥钱', '耳朵聋了 证办下来以后有啥补助']) {
    it(`"${said}": which subsidies, not what the condition is`, async () => {
      const h = await dialogHarness();
      const d = h.kb.decide(said);
      expect(d.kind === 'answer' ? d.top.entry.id : d.kind, said).to.equal('sub-overview');
    });
  }
});

describe('trial 19: a relative wishing to move the appraisal is told only the applicant can', () => {
  for (const said of ['能改个时间不', '能换个日子吗']) {
    it(`"${said}" after a check of a booked case: the applicant's account moves it, not "在这里说改到某天"`, async () => {
      const h = await withCase();
      await h.say('我想预约12月10日上午鉴定');
      await h.say('对');
      await h.sayAs('son', h.record.caseNo);
      await h.sayAs('son', SAMPLE_ID_NUMBER.slice(-6));
      await h.sayAs('son', '不用了');
      const reply = (await h.sayAs('son', said)).text!;
      expect(reply).to.include('只有提交申请的人能约').and.not.include('在这里说“改到某天”');
    });
  }
  it('"能改个时间不" is a wish to move, as "能改时间吗" is', () => {
    expect(recognizeBookingIntent('能改个时间不')).to.equal('book');
  });
});
