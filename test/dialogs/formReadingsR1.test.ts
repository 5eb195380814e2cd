import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
const USER = 'test:user1';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get(USER))?.draft.values ?? {};

/** Self, the living allowance, no certificate yet: at the name. */
const livingAllowanceToName: Step[] = [
  ['我要申请', app.consent],
  ['同意', app.prompts.role],
  ['给我自己', app.prompts.items],
  ['困难残疾人生活补贴', app.prompts.itemsMore('困难残疾人生活补贴')],
  ['选好了', app.prompts.hasCertificate],
  ['还没有', app.prompts.name],
];
const toCategory: Step[] = [...livingAllowanceToName, ['王建国', app.prompts.idNumber], ['11010519491231002X', app.prompts.phone], ['13812345678', app.prompts.hukou], ['示范县', app.prompts.category]];

/** Self, a new certificate and the care allowance, mailed to 城关镇东大街十八号: at the summary. */
const careToSummary: Step[] = [
  ...selfNewCertificateToAddress.slice(0, 4),
  ['护理补贴', app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')],
  ...selfNewCertificateToAddress.slice(4),
  ['城关镇东大街十八号', app.summary.intro],
];

describe('fixR1: the application form reads what people say of 低保, items, corrections and personal data', () => {
  describe('低保 said before its question: only a plain yes is a yes', () => {
    const noes = ['我们家不算低保户', '以前是低保户 现在不是了', '低保户被取消了', '俺们家不是低保', '原来吃低保，后来停了'];
    for (const said of noes) {
      it(`"${said}" at the name is kept as no 低保, said back so, the allowance it rules out told`, async () => {
        const h = await run(livingAllowanceToName);
        expect((await h.say(said)).text).to.equal(`${app.keptDibao(false)}\n${app.dropped['living-allowance']}\n${app.prompts.name}`);
        expect(await values(h)).to.include({ dibao: false });
      });
    }

    it('"俺家不算低保户" at the category is no yes either', async () => {
      const h = await run(toCategory);
      expect((await h.say('俺家不算低保户')).text).to.include(app.keptDibao(false)).and.include(app.prompts.category);
      expect(await values(h)).to.include({ dibao: false });
    });

    for (const said of ['低保户还没批下来', '低保正在申请', '以前是低保户']) {
      it(`"${said}" is no answer either way: nothing kept, and the 低保 question is asked at its turn`, async () => {
        const h = await run(toCategory);
        await h.say(said);
        expect(await values(h)).to.not.have.property('dibao');
        const next = await h.say('肢体');
        expect(next.text).to.include(app.prompts.dibao);
      });
    }

    it('"我妈是低保户" is still a yes, and at the items "还有生活补贴 我家低保" is not asked again', async () => {
      const h = await run(livingAllowanceToName);
      expect((await h.say('我妈是低保户')).text).to.equal(`${app.keptDibao(true)}\n${app.prompts.name}`);
      const items = await run([...selfNewCertificateToAddress.slice(0, 4)]);
      const replies = await items.send('还有生活补贴 我家低保');
      expect(replies.map((r) => r.text).join('\n')).to.include(app.keptDibao(true));
      expect(await values(items)).to.include({ dibao: true });
      await run([['选好了', app.prompts.name], ['王建国', app.prompts.idNumber], ['11010519491231002X', app.prompts.phone], ['13812345678', app.prompts.hukou], ['示范县', app.prompts.category]], items);
      expect((await items.say('肢体')).text).to.equal(app.prompts.channel);
    });
  });

  describe('"有证" at the 低保 question', () => {
    const toDibao: Step[] = [...toCategory, ['肢体', app.prompts.dibao]];
    for (const said of ['有证', '有证的']) {
      it(`"${said}" speaks of the 低保证: the certificate still applied for`, async () => {
        const h = await run(toDibao);
        const reply = await h.say(said);
        expect(reply.text).to.not.include(app.certificateHeld);
        expect(await values(h)).to.include({ hasCertificate: false });
      });
    }

    it('a certificate named against the answer given is asked about, never taken over it', async () => {
      const h = await run(toDibao);
      expect((await h.say('她已经有残疾证了')).text).to.equal(app.prompts.hasCertificate);
      expect(await values(h)).to.include({ hasCertificate: false });
      expect((await h.say('还没有')).text).to.include(app.prompts.dibao);
    });
  });

  describe('an item picked can be taken off', () => {
    it('at the items, in the trial\'s words: each taking off said, and what is now picked', async () => {
      const h = await run(selfNewCertificateToAddress.slice(0, 4));
      await h.say('还有那个护理的钱也要');
      const first = await h.send('哎不对 护理的不要了 要那个生活补贴 俺家穷');
      expect(first.map((r) => r.text)).to.deep.equal([app.itemDropped(app.itemOptions['care-allowance']), app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')]);
      const second = await h.send('算了算了 生活补贴也不要了 就办证');
      expect(second.map((r) => r.text)).to.deep.equal([app.itemDropped(app.itemOptions['living-allowance']), app.prompts.itemsMore('残疾人证新办')]);
      expect(await values(h)).to.deep.include({ picks: ['cert-new'] });
    });

    for (const said of ['护理补贴不申请了', '去掉护理补贴', '护理的算了']) {
      it(`"${said}" takes it off, and is not taken as done`, async () => {
        const h = await run([...selfNewCertificateToAddress.slice(0, 4), ['护理补贴', app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')]]);
        const replies = await h.send(said);
        expect(replies.map((r) => r.text)).to.deep.equal([app.itemDropped(app.itemOptions['care-allowance']), app.prompts.itemsMore('残疾人证新办')]);
      });
    }

    it('by its button, or the button\'s number', async () => {
      const h = await run([...selfNewCertificateToAddress.slice(0, 4), ['护理补贴', app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')]]);
      const shown = buttons(await h.say('5'));
      const remove = app.itemRemove(app.itemOptions['care-allowance']);
      expect(shown).to.include(remove);
      const replies = await h.send(remove);
      expect(replies[0].text).to.equal(app.itemDropped(app.itemOptions['care-allowance']));
      const now = buttons(replies[1]);
      const employment = app.itemRemove(app.itemOptions.employment);
      expect(now).to.not.include(remove);
      const byNumber = await h.send(String(now.indexOf(employment) + 1));
      expect(byNumber.map((r) => r.text)).to.deep.equal([app.itemDropped(app.itemOptions.employment), app.prompts.itemsMore('残疾人证新办')]);
    });

    for (const said of ['那个护理补贴俺也不要了 俺自己能动', '护理补贴就不办了']) {
      it(`"${said}" at the summary: taken off, the summary shown without it`, async () => {
        const h = await run(careToSummary);
        const reply = await h.say(said);
        expect(reply.text).to.include(app.itemDropped(app.itemOptions['care-allowance'])).and.include(`${app.labels.items}：残疾人证新办\n`);
        expect(await values(h)).to.deep.include({ picks: ['cert-new'] });
      });
    }

    it('"残疾证不要寄了 我自己去领" at the summary takes no item off', async () => {
      const h = await run(careToSummary);
      await h.say('残疾证不要寄了 我自己去领');
      expect(await values(h)).to.deep.include({ picks: ['cert-new', 'care-allowance'] });
    });

    it('at 修改 → 办理事项, in words', async () => {
      const h = await run([...careToSummary, ['修改', app.summary.pickField], ['办理事项', app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')]]);
      expect((await h.send('护理补贴不要了')).map((r) => r.text)).to.deep.equal([app.itemDropped(app.itemOptions['care-allowance']), app.prompts.itemsMore('残疾人证新办')]);
      expect((await h.say('选好了')).text).to.include(`${app.labels.items}：残疾人证新办\n`);
    });
  });

  describe('an address corrected at the summary', () => {
    const corrections: [string, string][] = [
      ['地址写错了是东大街二十八号不是十八号', '城关镇东大街二十八号'],
      ['地址不对 不是十八号是三十八号', '城关镇东大街三十八号'],
      ['邮寄地址改成城关镇幸福路8号', '城关镇幸福路8号'],
    ];
    for (const [said, address] of corrections) {
      it(`"${said}" → ${address}`, async () => {
        const h = await run(careToSummary);
        // A bare number put into the old address is read back to confirm (fix22e) before the summary shows it.
        const reply = (await h.say(said)).text!;
        const shown = reply === app.summary.amendAsk(app.labels.address, address) ? (await h.say('对')).text : reply;
        expect(shown).to.include(`${app.labels.address}：${address}\n`);
        expect(await values(h)).to.include({ address });
      });
    }
  });

  describe('personal data typed at the consent', () => {
    for (const said of ['11010519491231002X', '我家住城关镇东街12号']) {
      it(`"${said}" is not kept before the consent is given`, async () => {
        const h = await dialogHarness();
        await h.say('我要申请');
        const reply = await h.say(said);
        expect(reply.text).to.include(app.consent).and.not.include('记下了');
        expect(await values(h)).to.deep.equal({});
        expect((await h.say('同意')).text).to.equal(app.prompts.role);
        expect(await values(h)).to.deep.equal({});
      });
    }
  });

  describe('a second number, and a name with an address', () => {
    for (const said of ['城关镇东街12号 座机0371-6612345', '家里固话0371-6612345 城关镇东街12号']) {
      it(`"${said}" at the address: the mobile kept, said so, no phone words in the address`, async () => {
        const h = await run(selfNewCertificateToAddress);
        const replies = await h.send(said);
        expect(replies[0].text).to.equal(app.landlineNotKept);
        expect(await values(h)).to.include({ phone: '13812345678', address: '城关镇东街12号' });
      });
    }

    it('a mobile said at the address replaces the phone, and that is said', async () => {
      const h = await run(selfNewCertificateToAddress);
      const replies = await h.send('城关镇东街12号 手机13912340001');
      expect(replies[0].text).to.equal(app.phoneChanged);
      expect(await values(h)).to.include({ phone: '13912340001', address: '城关镇东街12号' });
    });

    for (const [said, address] of [
      ['张桂兰 住城关镇东街12号', '城关镇东街12号'],
      ['张桂兰，家住柳树乡王庄村3组', '柳树乡王庄村3组'],
    ]) {
      it(`"${said}" at the name: the name and the address both kept`, async () => {
        const h = await run(selfNewCertificateToAddress.slice(0, 5));
        const replies = await h.send(said);
        expect(replies.map((r) => r.text)).to.deep.equal([app.keptEarly(app.labels.address), app.prompts.idNumber]);
        expect(await values(h)).to.include({ name: '张桂兰', address });
      });
    }
  });

  describe('the second item\'s words', () => {
    for (const said of ['残疾证换领补办那个', '换证补证那一项']) {
      it(`"${said}" picks the button, and which service is asked next`, async () => {
        const h = await run([['我要申请', app.consent], ['同意', app.prompts.role], ['给我自己', app.prompts.items]]);
        expect((await h.say(said)).text).to.equal(app.prompts.itemsMore(app.itemOptions['cert-other']));
        expect((await h.say('选好了')).text).to.equal(app.prompts.certAction);
      });
    }
  });
});
