import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

// What a newcomer's trial on a phone found misread, one case per finding: each fails without its fix.
const t = text.application;
const ADULT_ID = '11010519491231002X';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;

const all = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text ?? '').join('\n');

const toAddress = selfNewCertificateToAddress;
const toSummary: Step[] = [...toAddress, ['示范县人民路12号3栋201', t.summary.intro]];

describe('newcomer trial: the application', () => {
  it('1. an apply intent carrying a question starts the application, for the mother, online honoured', async () => {
    const h = await dialogHarness();
    const said = await all(h, '俺想给俺娘办个残疾证…能不能网上弄');
    expect(said).to.include(t.consent).and.include(t.opening.channelAsked.online);
    // Who, for whom and what were said: the form goes on from there, the item said shown to confirm.
    const next = await h.say('同意');
    expect(next.text).to.equal(t.prompts.itemsMore('残疾人证新办'));
    await run([['选好了', t.prompts.name], ['李秀英', t.prompts.idNumber], [ADULT_ID, t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category]], h);
    // The channel is not asked again: it goes straight to how the card is fetched.
    expect((await h.say('肢体')).text).to.equal(t.prompts.delivery);
    const draft = (await h.drafts.get('test:user1'))!.draft;
    expect(draft.values).to.include({ role: 'proxy', relation: '子女', channel: 'online' });
  });

  it('1. a channel said not to be possible is not taken', async () => {
    const h = await dialogHarness();
    expect(await all(h, '我要给我爸申请，他不会用手机')).to.include(t.consent);
    expect((await h.drafts.get('test:user1'))!.draft.values).to.deep.equal({ role: 'proxy', relation: '子女' });
  });

  it('1. a plain question about applying still gets an answer, not the form', async () => {
    const h = await dialogHarness();
    expect(await all(h, '残疾证怎么办')).to.not.include(t.consent);
    expect(await all(h, '老头子中风了，能不能办个残疾证，补贴能领多少')).to.not.include(t.consent);
  });

  it('1. an apply intent with another question answers it and starts', async () => {
    const h = await dialogHarness();
    const replies = await h.send('我想办残疾证，要带什么材料');
    expect(replies.length).to.be.greaterThan(1);
    expect(replies.at(-1)!.text).to.equal(t.consent);
    expect(replies[0].text).to.not.equal(t.start);
  });

  it('2. several items named in one message are all taken', async () => {
    const h = await run(toAddress.slice(0, 3));
    expect((await h.say('证要办，还有那个护理的钱')).text).to.equal(t.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
    expect((await h.say('生活的钱也要')).text).to.equal(t.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴、重度残疾人护理补贴'));
  });

  it('3. "给寄到家里吧" at the delivery step is mail to the home address', async () => {
    const h = await run(toAddress.slice(0, -1));
    expect((await h.say('给寄到家里吧')).text).to.equal(t.prompts.address);
    expect((await (await run(toAddress.slice(0, -1))).say('寄')).text).to.equal(t.prompts.address);
    // A choice said in the negative is not taken for that choice.
    const h2 = await run(toAddress.slice(0, -1));
    expect((await h2.say('不用寄，我自己去拿')).text).to.include(t.summary.intro);
  });

  it('4. "地址不对，要改成…" at the confirmation changes it and comes back; "没问题，提交吧" submits once', async () => {
    const h = await run(toSummary);
    const changed = await h.say('地址不对，要改成示范县解放路8号2单元301');
    expect(changed.text).to.include(t.summary.intro).and.include('邮寄地址：示范县解放路8号2单元301');
    expect(buttons(changed)).to.deep.equal([t.summary.confirm, t.summary.edit, t.summary.cancel]);
    expect(await all(h, '没问题，提交吧')).to.match(/案件号是 YC\d{12}/);
    expect(await all(h, '没问题，提交吧')).to.not.include(t.summary.intro);
    expect(await h.cases.list({})).to.have.length(1);
  });

  it('4. "地址没错，提交吧" submits: a field named as right is no change', async () => {
    const h = await run(toSummary);
    expect(await all(h, '地址没错，提交吧')).to.match(/案件号是 YC\d{12}/);
  });

  it('4. "地址不对" alone asks for the new one, reads it back, then comes back to the confirmation', async () => {
    const h = await run(toSummary);
    expect((await h.say('地址不对')).text).to.equal(t.prompts.address);
    expect((await h.say('示范县解放路8号')).text).to.equal(t.summary.amendAsk(t.labels.address, '示范县解放路8号'));
    expect((await h.say('对')).text).to.include(t.summary.intro).and.include('邮寄地址：示范县解放路8号');
  });

  it('4. "电话写错了，是13900001111" changes the phone', async () => {
    const h = await run(toSummary);
    expect((await h.say('电话写错了，是13900001111')).text).to.include('电话：13900001111');
  });

  it('5. dialect and colloquial yes and no at consent', async () => {
    for (const [said, next] of [['中', t.prompts.role], ['得嘞', t.prompts.role], ['好滴', t.prompts.role], ['可以的', t.prompts.role], ['不中', t.consentDeclined], ['算了', t.consentDeclined], ['不要了', t.consentDeclined]]) {
      const h = await run([['我要办残疾证', t.consent]]);
      expect((await h.say(said)).text, said).to.equal(next);
    }
  });

  it('5. a question at consent is answered, never read as yes', async () => {
    const h = await run([['我要办残疾证', t.consent]]);
    const replies = await h.send('要带什么材料');
    expect(replies.at(-1)!.text).to.include(t.consent);
    expect(replies.map((r) => r.text).join('\n')).to.not.include(t.prompts.role);
  });

  it('5. dialect yes and no at the other yes/no steps (低保, 已有证, the category guess, cancel)', async () => {
    const h = await run([
      ['我要申请', t.consent],
      ['中', t.prompts.role],
      ['给我自己', t.prompts.items],
      ['生活补贴', t.prompts.itemsMore('困难残疾人生活补贴')],
      ['选好了', t.prompts.hasCertificate],
      ['不中', t.prompts.name],
      ['王建国', t.prompts.idNumber],
      [ADULT_ID, t.prompts.phone],
      ['13812345678', t.prompts.hukou],
      ['示范县', t.prompts.category],
      ['腿脚不好', t.prompts.categoryGuess('肢体')],
      ['得嘞', t.prompts.dibao],
      ['行', t.prompts.channel],
      ['取消', t.cancelConfirm],
      ['不中', t.prompts.channel],
    ]);
    expect((await h.drafts.get('test:user1'))!.draft.values).to.include({ dibao: true, hasCertificate: false, category: '肢体' });
  });

  it('5. dialect yes and no at the booking confirmation', async () => {
    for (const [said, expected] of [['中', '约好了'], ['得嘞', '约好了'], ['不中', text.booking.askWhen]]) {
      const h = await dialogHarness();
      const booking = { submittedBy: { role: 'self' as const, userKey: 'test:user1' }, applicant: { category: '肢体' as const }, stage: 'appraisal_scheduled' as const };
      await h.cases.create(newCase({ ...booking, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), h.clock.now());
      expect((await h.say('我想预约下周二上午鉴定')).text).to.equal(text.booking.confirmWhen('11月24日（周二）上午'));
      expect((await h.say(said)).text, said).to.include(expected);
    }
  });

  it('6. "就在咱县里" at 户籍 is the service\'s own county', async () => {
    const h = await run(toAddress.slice(0, 8));
    expect((await h.say('就在咱县里')).text).to.equal(t.prompts.category);
    expect((await h.drafts.get('test:user1'))!.draft.values.hukou).to.equal('示范县');
  });

  it('7. an address without a house number is asked about once; the number is added', async () => {
    const h = await run(toAddress);
    expect((await h.say('示范县人民路')).text).to.equal(t.prompts.houseNumber);
    expect((await h.say('12号3栋201')).text).to.include('邮寄地址：示范县人民路12号3栋201');
  });

  it('7. "没有门牌号" keeps the address as given; a village address is taken at once', async () => {
    const h = await run(toAddress);
    expect((await h.say('示范县城关镇人民路')).text).to.equal(t.prompts.houseNumber);
    expect((await h.say('没有门牌号')).text).to.include('邮寄地址：示范县城关镇人民路');
    const village = await run(toAddress);
    expect((await village.say('示范县李家镇王庄村三组')).text).to.include('邮寄地址：示范县李家镇王庄村三组');
  });

  it('8. at "还要别的吗" a typed item name adds it; 没了 or 就这些 ends', async () => {
    for (const [name, added] of [['护理补贴', '重度残疾人护理补贴'], ['养老保险补助', '城乡居民养老保险补助'], ['教育补贴', '残疾学生教育专项补贴'], ['燃油补贴', '机动轮椅车燃油补贴'], ['失业登记', '失业登记']]) {
      const h = await run(toAddress.slice(0, 4));
      expect((await h.say(name)).text, name).to.include(`已选：残疾人证新办、${added}`);
    }
    // A material is not an item: "身份证" holds 证 but is not the certificate; the items stay as they were.
    const h = await run([...toAddress.slice(0, 3), ['护理补贴', t.prompts.itemsMore('重度残疾人护理补贴')]]);
    const said = await all(h, '身份证');
    expect(said).to.include(t.materialsLater).and.include(t.prompts.itemsMore('重度残疾人护理补贴'));
    for (const done of ['没了', '就这些', '选好了', '没有', '不用了', '没有别的']) {
      const h = await run(toAddress.slice(0, 4));
      expect((await h.say(done)).text, done).to.equal(t.prompts.name);
    }
  });
});
