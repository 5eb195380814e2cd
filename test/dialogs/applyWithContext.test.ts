import { expect } from 'chai';
import { applyRequestIn } from '../../dialogs/application/applicationDialog.js';
import type { Values } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness, returnedCase, run, selfNewCertificateToAddress } from './harness.js';

// Trial 14: a request to apply with words about the person around it, and small faults of the
// form's own steps; the trial's wording and variants nobody scripted.
const t = text.application;
const s = text.status;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))?.draft.values;
const texts = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text ?? '');

describe('trial 14: a request to apply with words about the person starts the application', () => {
  const table: [opening: string, kept: Values][] = [
    ['俺要办残疾证 俺腿截了一条', { role: 'self', categoryGuess: '肢体' }],
    ['俺想办个残疾证 俺腿截了一条', { role: 'self', categoryGuess: '肢体' }],
    ['我是个瞎子 看不见 用读屏软件 想办个证', { role: 'self', categoryGuess: '视力' }],
    // Unscripted.
    ['咱也想办个证 咱耳朵听不见', { role: 'self', categoryGuess: '听力' }],
    ['帮我办残疾证 我眼睛看不见', { role: 'self', categoryGuess: '视力' }],
    ['俺娘瘫在床上了 俺想给她办个残疾证', { role: 'proxy', relation: '子女', categoryGuess: '肢体' }],
    ['我要办残疾证 我儿子耳朵聋', { role: 'proxy', relation: '父母', categoryGuess: '听力' }],
  ];
  for (const [opening, kept] of table) {
    it(`"${opening}": the form starts, keeping for whom and the category described; "同意" goes on to the items`, async () => {
      const h = await dialogHarness();
      expect((await texts(h, opening)).at(-1)).to.equal(t.consent);
      expect(await values(h)).to.include(kept);
      // For whom is not asked again: the items named are shown to confirm.
      expect((await h.say('同意')).text).to.equal(t.prompts.itemsMore('残疾人证新办'));
    });
  }

  it('the category described is offered at its step, not asked from the list', async () => {
    const h = await run([
      ['俺要办残疾证 俺腿截了一条', t.consent],
      ['同意', t.prompts.itemsMore('残疾人证新办')],
      ['选好了', t.prompts.name],
      ['王建国', t.prompts.idNumber],
      ['11010519491231002X', t.prompts.phone],
      ['13812345678', t.prompts.hukou],
      ['示范县', t.prompts.categoryGuess('肢体')],
    ]);
    expect(await values(h)).to.include({ role: 'self' });
  });

  it('someone named only as 他 or 她 is not the speaker: for whom is asked', async () => {
    const h = await dialogHarness();
    await h.say('我要办残疾证 他腿截了');
    expect((await values(h))?.role).to.equal(undefined);
    expect((await h.say('同意')).text).to.equal(t.prompts.role);
  });

  for (const question of ['俺腿截了一条 能办不', '想办残疾证 咋办', '我想办残疾证 怎么办', '俺要办残疾证 俺腿截了一条 能不能办']) {
    it(`"${question}" asks how or whether: answered, the form not started`, async () => {
      const h = await dialogHarness();
      const said = await texts(h, question);
      expect(said.join('\n')).to.not.include(t.consent).and.not.include('答不上来');
      expect(await values(h)).to.equal(undefined);
    });
  }

  const intents: [string, boolean][] = [
    ['俺要办残疾证', true],
    ['想办个证', true],
    ['俺也想给俺娘办个证', true],
    ['想办残疾证 咋办', false],
    ['给我妈办的证丢了', false],
  ];
  for (const [input, expected] of intents) it(`apply intent: "${input}" -> ${expected}`, () => expect(applyRequestIn(input) !== undefined).to.equal(expected));
});

describe('trial 14: the name step hears "我就是本人"', () => {
  const toName = selfNewCertificateToAddress.slice(0, 5);

  for (const said of ['我就是本人', '本人', '就是我本人啊']) {
    it(`"${said}": the speaker's own name is asked once more plainly, then taken`, async () => {
      const h = await run(toName);
      expect((await h.say(said)).text).to.equal(t.errors.ownName);
      expect((await h.say('王建国')).text).to.equal(t.prompts.idNumber);
      expect(await values(h)).to.include({ name: '王建国' });
    });
  }

  for (const said of ['我就是本人 王建国', '王建国，就是我本人', '我就是王建国']) {
    it(`"${said}": the name said with it is taken`, async () => {
      const h = await run(toName);
      expect((await h.say(said)).text).to.equal(t.prompts.idNumber);
      expect(await values(h)).to.include({ name: '王建国' });
    });
  }

  it('applying for someone else, "我就是本人" is told it is the applicant\'s name that is asked', async () => {
    const h = await run([['我要申请', t.consent], ['同意', t.prompts.role], ['给我妈', t.prompts.items], ['1', t.prompts.itemsMore('残疾人证新办')], ['选好了', t.prompts.name]]);
    expect((await h.say('我就是本人')).text).to.equal(t.errors.nameOfApplicant);
  });
});

describe('trial 14: addresses as people say them', () => {
  const summaryOf = async (h: Harness, input: string) => (await texts(h, input)).at(-1)!;

  it('"地址改一下 就写示范县柳树乡王庄村" at the summary takes the new address and shows the summary again', async () => {
    const h = await run(selfNewCertificateToAddress);
    expect(await summaryOf(h, '示范县人民路12号')).to.include(t.summary.intro);
    const shown = await summaryOf(h, '地址改一下 就写示范县柳树乡王庄村');
    expect(shown).to.include(t.summary.intro).and.include('示范县柳树乡王庄村');
    expect(await values(h)).to.include({ address: '示范县柳树乡王庄村' });
    // Unscripted: "写成", and a phone still read after its "是".
    await h.say('地址写错了 写成示范县柳树乡李庄村5号');
    await h.say('电话写错了，是13912345678');
    expect(await values(h)).to.include({ address: '示范县柳树乡李庄村5号', phone: '13912345678' });
  });

  const noNumber: [said: string, address: string][] = [
    ['没有门牌号 示范县柳树乡王庄村', '示范县柳树乡王庄村'],
    // Unscripted: said after the address, and of the village.
    ['示范县柳树乡 没门牌号', '示范县柳树乡'],
    ['俺村里没门牌 示范县柳树乡', '示范县柳树乡'],
  ];
  for (const [said, address] of noNumber) {
    it(`"${said}" is kept as "${address}", and the house number not asked about`, async () => {
      const h = await run(selfNewCertificateToAddress);
      expect(await summaryOf(h, said)).to.include(t.summary.intro);
      expect(await values(h)).to.include({ address });
    });
  }
});

describe('trial 14: a phone sent back, said to be right before the correction is started', () => {
  for (const said of ['电话没错呀 那几天在地里干活没接着', '号码是对的 就是没听见', '这个号能打通啊 一直用的']) {
    it(`"${said}" leads into the correction, the phone first, offered to stay as it was`, async () => {
      const h = await returnedCase();
      const replies = await h.send(said);
      expect(replies[0].text).to.include('退回原因');
      expect(replies.at(-1)!.text).to.equal(`${s.correctKeepPhone}\n${t.prompts.phone}`);
      expect(buttons(replies.at(-1)!)).to.deep.equal([s.keepPhoneButton]);
      expect(await texts(h, s.keepPhoneButton)).to.deep.equal([s.correctPhoneKept, s.correctDone]);
      const record = (await h.cases.get(h.caseNo))!;
      expect(record.stage).to.not.equal('returned');
      expect(record.applicant.phone).to.equal('13900000000');
    });
  }

  it('a case sent back for something else, or none at all, is not led into a correction by it', async () => {
    const h = await dialogHarness();
    expect((await texts(h, '电话没错呀 那几天在地里干活没接着')).join('\n')).to.not.include('退回原因');
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    await h.workflow.perform(record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(record.caseNo, { action: 'return', by: 'staff:li', note: '名字和户口本不一致', fields: ['name'] });
    expect((await texts(h, '电话没错呀 那几天在地里干活没接着')).join('\n')).to.not.include('退回原因');
    // Asked how to put it right, it is still that case's correction.
    expect((await texts(h, '咋改啊'))[0]).to.include('退回原因');
  });
});
