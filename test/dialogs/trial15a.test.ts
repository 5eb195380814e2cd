import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { applyOnline, dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

// The trial 15 applicant's faults in the application's steps, each in the tester's words and in others.
const t = text.application;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const valuesOf = async (h: Harness) => (await h.drafts.get('test:user1'))?.draft.values ?? {};

/** Self, a new certificate: at the name. */
const toName: Step[] = [
  ['我要申请', t.consent],
  ['同意', t.prompts.role],
  ['给我自己', t.prompts.items],
  ['1', t.prompts.itemsMore('残疾人证新办')],
  ['选好了', t.prompts.name],
];
const toHukou: Step[] = [...toName, ['王建国', t.prompts.idNumber], ['11010519491231002X', t.prompts.phone], ['13812345678', t.prompts.hukou]];

describe('trial 15: a phone said at another step is kept for the phone, and the step asked again in one message', () => {
  for (const said of ['13912345678', '我电话是139 1234 5678', '手机号：13912345678']) {
    it(`"${said}" at 户籍: the phone kept, 户籍 asked again in one message`, async () => {
      const h = await run(toHukou);
      const replies = await h.send(said);
      expect(replies).to.have.length(1);
      expect(replies[0].text).to.equal(`${t.phoneChanged}\n${t.prompts.hukou}`);
      expect((await valuesOf(h)).phone).to.equal('13912345678');
      expect((await h.say('示范县')).text).to.equal(t.prompts.category);
    });
  }

  it('"示范县 电话13912345678" at 户籍: both taken', async () => {
    const h = await run(toHukou);
    expect((await h.say('示范县 电话13912345678')).text).to.equal(t.prompts.category);
    expect(await valuesOf(h)).to.include({ hukou: '示范县', phone: '13912345678' });
  });

  it('a phone given at the name before it is asked: the name asked again, and the phone not asked later', async () => {
    const h = await run(toName);
    expect((await h.say('13812345678')).text).to.equal(`${t.phoneKept}\n${t.prompts.name}`);
    await run([['王建国', t.prompts.idNumber], ['11010519491231002X', t.prompts.hukou]], h);
    expect((await valuesOf(h)).phone).to.equal('13812345678');
  });

  it('"王建国 13812345678" at the name, "11010519491231002X 电话13812345678" at the ID: each field taken with the phone, which is not asked', async () => {
    const h = await run(toName);
    expect((await h.say('王建国 13812345678')).text).to.equal(t.prompts.idNumber);
    expect((await h.say('11010519491231002X 13912345678')).text).to.equal(t.prompts.hukou);
    expect(await valuesOf(h)).to.include({ name: '王建国', idNumber: '11010519491231002X', phone: '13912345678' });
  });

  it('a wrong-length ID typed at the ID step is still told its length, not read as a phone', async () => {
    const h = await run([...toName, ['王建国', t.prompts.idNumber]]);
    expect((await h.say('13812345678')).text).to.equal(t.errors.idLength(11));
    expect((await valuesOf(h)).phone).to.equal(undefined);
  });
});

describe('trial 15: at the summary, a field said to change with its new value changes it and shows the summary again', () => {
  const toSummary: Step[] = [...selfNewCertificateToAddress, ['示范县人民路12号', t.summary.intro]];
  const cases: [said: string, field: string, value: string][] = [
    ['地址改一下 写城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['地址写错了 应该是城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['住址改成城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['地址错了 城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['改下地址 城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['地址填城关镇幸福路8号', 'address', '城关镇幸福路8号'],
    ['把地址换一下 就写城关镇幸福路8号吧', 'address', '城关镇幸福路8号'],
    ['电话改一下 写13912345678', 'phone', '13912345678'],
    ['名字改下 王建军', 'name', '王建军'],
  ];
  for (const [said, field, value] of cases) {
    it(`"${said}"`, async () => {
      const h = await run(toSummary);
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.include(t.summary.intro).and.include(value);
      expect((await valuesOf(h))[field as 'address']).to.equal(value);
    });
  }

  it('"地址改一下" with no value asks the address; "地址写的对" changes nothing', async () => {
    const h = await run(toSummary);
    expect((await h.say('地址改一下')).text).to.equal(t.prompts.address);
    const other = await run(toSummary);
    expect((await other.say('地址写的对')).text).to.not.include(t.prompts.address);
    expect((await valuesOf(other)).address).to.equal('示范县人民路12号');
  });
});

describe('trial 15: an item\'s own step can be left, and says what its item is', () => {
  /** Self, a new certificate and employment help: at which employment help. */
  const toEmployment: Step[] = [...toName.slice(0, 3), ['残疾证和就业帮扶', t.prompts.itemsMore('残疾人证新办、就业帮扶')], ['选好了', t.prompts.employment]];
  for (const said of ['不要了', '不用了', '算了这个不要', '跳过', '就业帮扶不要了']) {
    it(`"${said}" at 就业帮扶: the item left out, the form goes on in one message`, async () => {
      const h = await run(toEmployment);
      const replies = await h.send(said);
      expect(replies).to.have.length(1);
      expect(replies[0].text).to.equal(`${t.itemDropped(t.itemOptions.employment)}\n${t.prompts.name}`);
      expect((await valuesOf(h)).picks).to.deep.equal(['cert-new']);
    });
  }

  for (const said of ['这是干啥用的', '这个是啥', '这是什么意思']) {
    it(`"${said}" at 就业帮扶: the item explained, the step asked again`, async () => {
      const h = await run(toEmployment);
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies[0]).to.equal(t.fieldAnswers.employment.what);
      expect(replies.at(-1)).to.include(t.prompts.employment);
      expect(replies.join('\n')).to.not.include('智能助手');
    });
  }

  it('"社保卡不要了" picks no social card; "失业登记要 社保卡不用" picks only the registration', async () => {
    const h = await run(toEmployment);
    expect((await h.say('社保卡不要了')).text).to.equal(t.errors.choice);
    expect((await h.say('失业登记要 社保卡不用')).text).to.equal(t.prompts.name);
    expect((await valuesOf(h)).employment).to.deep.equal(['emp-unemployment']);
  });

  it('the certificate\'s service: "跳过" with nothing else picked asks the items again; "这是干啥用的" explains it', async () => {
    const toService: Step[] = [...toName.slice(0, 3), ['2', t.prompts.itemsMore(t.itemOptions['cert-other'])], ['选好了', t.prompts.certAction]];
    const h = await run(toService);
    expect((await h.send('这是干啥用的'))[0].text).to.equal(t.fieldAnswers.certAction.what);
    expect((await h.say('跳过')).text).to.equal(`${t.itemDropped(t.itemOptions['cert-other'])}\n${t.prompts.items}`);
    expect((await valuesOf(h)).picks).to.equal(undefined);
  });

  it('the questions that decide an item (低保, 等级): "这个是啥" explains and is no yes; "算了 不要了" leaves the item', async () => {
    const toDibao: Step[] = [...toName.slice(0, 3), ['残疾证和生活补贴', t.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')], ['选好了', t.prompts.name],
      ['王建国', t.prompts.idNumber], ['11010519491231002X', t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['肢体', t.prompts.dibao]];
    const h = await run(toDibao);
    expect((await h.send('这个是啥'))[0].text).to.equal(t.fieldAnswers.dibao.what);
    // Asked why rather than what: the same sentence, kept once in the catalogue.
    expect((await h.send('为啥问这个'))[0].text).to.equal(t.fieldAnswers.dibao.what);
    expect((await valuesOf(h)).dibao).to.equal(undefined);
    expect((await h.say('算了 不要了')).text).to.equal(`${t.itemDropped(t.itemOptions['living-allowance'])}\n${t.prompts.channel}`);
    expect((await valuesOf(h)).picks).to.deep.equal(['cert-new']);

    const toGrade: Step[] = [...toName.slice(0, 3), ['4', t.prompts.itemsMore(t.itemOptions['care-allowance'])], ['选好了', t.prompts.hasCertificate], ['已经有了', t.prompts.name],
      ['王建国', t.prompts.idNumber], ['11010519491231002X', t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['肢体', t.prompts.grade]];
    const g = await run(toGrade);
    expect((await g.send('这是干啥用的'))[0].text).to.equal(t.fieldAnswers.grade.what);
    // Nothing left: the items are asked again, and the certificate asked about for the allowance goes with it.
    expect((await g.say('跳过')).text).to.equal(`${t.itemDropped(t.itemOptions['care-allowance'])}\n${t.prompts.items}`);
    expect(await valuesOf(g)).to.not.have.any.keys('hasCertificate', 'picks');
  });
});

describe('trial 15: the guardian\'s relation, said as who the speaker is at the guardian\'s name, is not asked again', () => {
  /** A parent applies for a minor: at the guardian's name. */
  const toGuardian: Step[] = [
    ['我要办残疾证', t.consent], ['同意', t.prompts.role], ['替家人或被监护人', t.prompts.relation], ['父母', t.prompts.itemsMore('残疾人证新办')], ['就这些', t.prompts.name],
    ['王小明', t.prompts.idNumber], ['110101201003074514', t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['听力', t.prompts.guardianName],
  ];
  for (const [said, relation] of [['我是他妈', '父母'], ['俺是孩子他爹', '父母'], ['我是他奶奶', '其他近亲属']]) {
    it(`"${said}" at the guardian's name: the speaker's name asked, the relation (${relation}) kept and not asked`, async () => {
      const h = await run([...toGuardian, [said, t.guardianIsSpeaker], ['王秀英', t.prompts.guardianId], ['11010519491231002X', t.prompts.channel]]);
      expect(await valuesOf(h)).to.include({ guardianName: '王秀英', guardianRelation: relation, guardianIsSpeaker: true });
    });
  }
});

describe('trial 15: who the speaker is, said at the name, is taken as the relation and the name asked again plainly', () => {
  for (const [said, relation] of [['俺是她儿子 替她办', '子女'], ['我是他闺女 帮他弄', '子女'], ['她是我外婆', '其他亲属'], ['我是他老伴 替他办的', '配偶']]) {
    it(`"${said}"`, async () => {
      const h = await run(toName);
      const reply = (await h.say(said)).text ?? '';
      expect(reply).to.equal(`${text.flow.kinNoted}\n${t.prompts.name}`).and.not.include(t.errors.name);
      expect(await valuesOf(h)).to.include({ role: 'proxy', relation });
      expect((await h.say('张桂兰')).text).to.equal(t.prompts.idNumber);
    });
  }

  it('"我是她孙子 她叫张桂兰": the relation and the name both taken', async () => {
    const h = await run(toName);
    expect((await h.say('我是她孙子 她叫张桂兰')).text).to.equal(t.prompts.idNumber);
    expect(await valuesOf(h)).to.include({ role: 'proxy', relation: '其他亲属', name: '张桂兰' });
  });
});

describe('trial 15: someone who cannot see, at the photo step, is told who can take it and that it can come later', () => {
  for (const said of ['俺看不见 这照片拍不了咋整', '我是盲人 拍不了照', '眼睛瞎了 咋拍照片']) {
    it(`"${said}"`, async () => {
      const h = await dialogHarness();
      await applyOnline(h);
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies[0]).to.equal(text.upload.cannotSee.photos).and.include('家里人').and.include(text.upload.later);
      expect(replies[0]).to.not.equal(text.upload.without.photos);
    });
  }
});

describe('trial 15: the care allowance comes with its grade rule however it is picked', () => {
  for (const said of ['护理那个钱能领不', '还有那个护理的钱', '4', '重度残疾人护理补贴']) {
    it(`"${said}" at the items`, async () => {
      const h = await run(toName.slice(0, 3));
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies).to.deep.equal([t.careAllowanceRule, t.prompts.itemsMore(t.itemOptions['care-allowance'])]);
      expect(t.careAllowanceRule).to.include('一级、二级');
    });
  }

  it('said once: adding another item after it does not repeat the rule', async () => {
    const h = await run(toName.slice(0, 3));
    await h.send('4');
    expect((await h.send('1')).map((r) => r.text)).to.deep.equal([t.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')]);
  });
});

describe('trial 15: applying for one of the household with 证 alone starts the form; other certificates keep their decline', () => {
  for (const [said, relation] of [['俺家老头要办个证', '配偶'], ['俺娘要办个证', '子女'], ['我家老伴想办张证', '配偶'], ['俺家孩子要办证', '父母']]) {
    it(`"${said}"`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.equal(t.consent);
      expect(await valuesOf(h)).to.deep.include({ role: 'proxy', relation, picksSaid: ['cert-new'] });
    });
  }

  for (const said of ['俺家老头要办个老年证', '我家孩子要办个身份证', '俺爹要办个驾驶证']) {
    it(`"${said}" is declined, no form`, async () => {
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.not.equal(t.consent);
      expect(await h.drafts.get('test:user1')).to.equal(undefined);
    });
  }
});

describe('trial 15: a yes said with the cancel at "确定不办了吗" cancels', () => {
  for (const said of ['是的 取消', '对 不办了', '嗯 取消吧', '是的，不填了', '不要办了']) {
    it(`"${said}"`, async () => {
      const h = await run([...toName.slice(0, 3), ['取消', t.cancelConfirm]]);
      expect((await h.say(said)).text).to.equal(t.cancelled);
      expect(await h.drafts.get('test:user1')).to.equal(undefined);
    });
  }

  for (const said of ['对 继续填', '不是 接着填', '不是的 还要办']) {
    it(`"${said}" goes on`, async () => {
      const h = await run([...toName.slice(0, 3), ['取消', t.cancelConfirm]]);
      expect((await h.say(said)).text).to.equal(t.prompts.items);
    });
  }
});
