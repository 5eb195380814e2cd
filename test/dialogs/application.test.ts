import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { applyRequestIn } from '../../dialogs/application/applicationDialog.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, tempDir } from '../support.js';
import { buttons, dialogHarness, run, type Step } from './harness.js';

const t = text.application;
const ADULT_ID = '11010519491231002X'; // born 1949-12-31
const CHILD_ID = '110101201003074514'; // born 2010-03-07


/** Confirms the summary; resolves to the case number the bot gave. */
async function submitted(h: Awaited<ReturnType<typeof dialogHarness>>): Promise<string> {
  const replies = (await h.send('确认提交')).map((r) => r.text).join('\n');
  return /YC\d{12}/.exec(replies)![0];
}


const start: Step[] = [
  ['我要申请', t.consent],
  ['同意', t.prompts.role],
];
const selfIdentity: Step[] = [
  ['王建国', t.prompts.idNumber],
  [ADULT_ID, t.prompts.phone],
  ['13812345678', t.prompts.hukou],
  ['示范县', ''],
];

describe('ApplicationDialog: happy paths', () => {
  const table: { name: string; steps: Step[]; items: [string, string][]; toSubmit?: string[] }[] = [
    {
      name: 'self, new certificate, online, mailed',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['1', t.prompts.itemsMore('残疾人证新办')],
        ['选好了', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.category],
        ['腿脚不好', t.prompts.categoryGuess('肢体')],
        ['对', t.prompts.channel],
        ['网上提交', t.prompts.delivery],
        ['邮寄到家', t.prompts.address],
        ['示范县人民路12号3栋201', t.summary.intro],
      ],
      items: [['cert-new', 'submitted']],
      toSubmit: ['photos'],
    },
    {
      name: 'self, certificate and care allowance in one go: care waits for the certificate',
      steps: [
        ...start,
        ['本人', t.prompts.items],
        ['证和护理补贴都要', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.category],
        ['4', t.prompts.channel],
        ['2', t.prompts.delivery],
        ['自己去领', '护理补贴要等残疾人证办下来'],
      ],
      items: [['cert-new', 'submitted'], ['care-allowance', 'queued']],
      toSubmit: ['idCard', 'hukouBook', 'photos'],
    },
    {
      name: 'a parent applying for a minor: guardian asked, proof required',
      steps: [
        ...start,
        ['替家人或被监护人', t.prompts.relation],
        ['父母', t.prompts.items],
        ['残疾人证（第一次办）', t.prompts.itemsMore('残疾人证新办')],
        ['就这些', t.prompts.name],
        ['王小明', t.prompts.idNumber],
        [CHILD_ID, t.prompts.phone],
        ['13812345678', t.prompts.hukou],
        ['示范县', t.prompts.category],
        ['听力', t.prompts.guardianName],
        ['王建国', t.prompts.guardianId],
        [ADULT_ID, t.prompts.guardianRelation],
        ['父母', t.prompts.channel],
        ['网上', t.prompts.delivery],
        ['自取', t.summary.intro],
      ],
      items: [['cert-new', 'submitted']],
      toSubmit: ['photos', 'guardianProof'],
    },
    {
      name: 'a certificate holder applying for the care allowance, grade 一级',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['护理补贴', t.prompts.itemsMore('重度残疾人护理补贴')],
        ['选好了', t.prompts.hasCertificate],
        ['已经有了', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.category],
        ['肢体', t.prompts.grade],
        ['一级', t.prompts.channel],
        ['网上', t.summary.intro],
      ],
      items: [['care-allowance', 'submitted']],
      toSubmit: [],
    },
    {
      name: 'a lost certificate at the window',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['2', t.prompts.itemsMore('残疾人证换领、补办、迁移、变更或注销')],
        ['选好了', t.prompts.certAction],
        ['挂失补办', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.category],
        ['视力', t.prompts.channel],
        ['到窗口办', t.prompts.delivery],
        ['自己去领', t.summary.intro],
      ],
      items: [['cert-replace', 'submitted']],
      toSubmit: ['idCard', 'hukouBook', 'photos'],
    },
    {
      name: 'employment help: unemployment registration and a social security card',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['就业帮扶', t.prompts.itemsMore('就业帮扶')],
        ['选好了', t.prompts.employment],
        ['失业登记和社保卡', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.channel],
        ['网上', t.summary.intro],
      ],
      items: [['emp-unemployment', 'submitted'], ['emp-social-card', 'submitted']],
      toSubmit: ['photos'],
    },
    {
      name: 'a student with a wheelchair: education grant and fuel subsidy',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['教育补贴和燃油补贴都要', t.prompts.hasCertificate],
        ['有', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.student],
        ['大专或本科', t.prompts.wheelchair],
        ['是', t.prompts.channel],
        ['网上', t.summary.intro],
      ],
      items: [['education-grant', 'submitted'], ['fuel-subsidy', 'submitted']],
      toSubmit: ['studentProof', 'wheelchairProof'],
    },
    {
      name: 'subsidies without a certificate: 新办 is added and the subsidy waits',
      steps: [
        ...start,
        ['给我自己', t.prompts.items],
        ['生活补贴', t.prompts.itemsMore('困难残疾人生活补贴')],
        ['选好了', t.prompts.hasCertificate],
        ['还没有', t.prompts.name],
        ...selfIdentity.slice(0, 3),
        ['示范县', t.prompts.category],
        ['言语', t.prompts.dibao],
        ['是的', t.prompts.channel],
        ['网上', t.prompts.delivery],
        ['邮寄', t.prompts.address],
        ['示范县人民路12号', t.summary.intro],
      ],
      items: [['cert-new', 'submitted'], ['living-allowance', 'queued']],
    },
  ];

  for (const { name, steps, items, toSubmit } of table) {
    it(name, async () => {
      const h = await run(steps);
      const done = await h.send('确认提交');
      expect(done.map((r) => r.text).join('\n')).to.match(/案件号是 YC\d{12}/);
      const [record] = await h.cases.list({});
      // Online, the materials to hand in are asked for next, the first one in plain words.
      if (record.channel === 'online' && record.materials.toSubmit.length) expect(done.at(-1)?.text).to.include(text.upload.ask[record.materials.toSubmit[0]]);
      expect(record.items.map((i) => [i.id, i.status])).to.deep.equal(items);
      if (toSubmit) expect(record.materials.toSubmit).to.have.members(toSubmit);
      expect(record.audit[0].action).to.equal('submit');
      expect(await h.drafts.get('test:user1')).to.equal(undefined);
    });
  }
});

describe('ApplicationDialog: items that cannot apply are explained', () => {
  it('drops the living allowance for a household not on 低保, and says why', async () => {
    const h = await run([
      ...start,
      ['给我自己', t.prompts.items],
      ['生活补贴和养老保险都要', t.prompts.hasCertificate],
      ['有', t.prompts.name],
      ...selfIdentity.slice(0, 3),
      ['示范县', t.prompts.dibao],
    ]);
    const replies = await h.send('不是');
    expect(replies.map((r) => r.text)).to.include(t.dropped['living-allowance']);
    expect(replies[replies.length - 1].text).to.include(t.prompts.channel);
    await h.say('网上');
    await h.say('确认提交');
    const [record] = await h.cases.list({});
    expect(record.items.map((i) => i.id)).to.deep.equal(['pension-help']);
  });

  it('ends without a case when nothing chosen can apply', async () => {
    const h = await run([
      ...start,
      ['给我自己', t.prompts.items],
      ['护理补贴都要', t.prompts.hasCertificate],
      ['有', t.prompts.name],
      ...selfIdentity.slice(0, 3),
      ['示范县', t.prompts.category],
      ['肢体', t.prompts.grade],
      ['三级', t.nothingLeft],
    ]);
    expect(await h.cases.count()).to.equal(0);
    expect(await h.drafts.get('test:user1')).to.equal(undefined);
  });

  it('explains an item in one line when asked, then keeps asking', async () => {
    const h = await run([...start, ['给我自己', t.prompts.items]]);
    const replies = await h.send('护理补贴是什么？');
    expect(replies[0].text).to.equal(t.itemExplain['care-allowance']);
    expect(replies[1].text).to.equal(t.prompts.items);
  });
});

describe('ApplicationDialog: the category in plain words', () => {
  const upToCategory: Step[] = [...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name], ...selfIdentity.slice(0, 3), ['示范县', t.prompts.category]];
  const table: [said: string, category: string][] = [
    ['中风', '肢体'],
    ['腿脚不好', '肢体'],
    ['走路不方便', '肢体'],
    ['看不见', '视力'],
    ['听不见', '听力'],
    ['说不清话', '言语'],
    ['脑子不好', '智力'],
  ];
  for (const [said, category] of table) {
    it(`"${said}" is read as ${category}, confirmed before it is kept`, async () => {
      const h = await run(upToCategory);
      const reply = await h.say(said);
      expect(reply.text).to.equal(t.prompts.categoryGuess(category));
      expect(buttons(reply)).to.deep.equal([...t.categoryGuessButtons]);
      expect((await h.say('对')).text).to.not.equal(t.prompts.categoryGuess(category)).and.not.equal(t.prompts.category);
      expect((await h.drafts.get('test:user1'))!.draft.values.category).to.equal(category);
    });
  }

  it('"不对" asks the category again with its buttons; a button after a guess is taken as it is', async () => {
    const h = await run(upToCategory);
    await h.say('中风');
    expect((await h.say('不对，我重新选')).text).to.equal(t.prompts.category);
    await h.say('中风');
    expect((await h.say('言语')).text).to.equal(t.prompts.channel);
    expect((await h.drafts.get('test:user1'))!.draft.values.category).to.equal('言语');
  });
});

describe('ApplicationDialog: validation where it is typed', () => {
  const upToId: Step[] = [...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name], ['王建国', t.prompts.idNumber]];
  const table: Step[] = [
    ['1101051949123100', t.errors.idLength(16)],
    ['110105194912310021', t.errors.idChecksum],
    ['110105194913310021', t.errors.idBirthDate],
  ];
  for (const [input, error] of table) {
    it(`ID number "${input}" -> ${error}`, async () => {
      const h = await run(upToId);
      expect((await h.say(input)).text).to.equal(error);
      expect((await h.say(ADULT_ID)).text).to.equal(t.prompts.phone);
    });
  }

  it('rejects a bad phone, a name that is not a name, and a county elsewhere', async () => {
    const h = await run([...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name]]);
    expect((await h.say('我不知道你在说什么啊啊啊')).text).to.equal(t.errors.name);
    await run([['王建国', t.prompts.idNumber], [ADULT_ID, t.prompts.phone]], h);
    expect((await h.say('12345')).text).to.equal(t.errors.phone);
    expect((await h.say('0791-86123456')).text).to.equal(t.prompts.hukou);
    expect((await h.say('广州市天河区')).text).to.equal(t.errors.hukou('示范县'));
  });

  it('takes free text that is not a name as no name, and names of several parts as names', async () => {
    const h = await run([...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name]]);
    expect((await h.say('到窗口办')).text).to.equal(t.errors.name);
    // The speaker, who applies for themself: their own name is asked.
    expect((await h.say('是我自己')).text).to.equal(t.errors.ownName);
    await run([['阿卜杜·热合曼', t.prompts.idNumber], [ADULT_ID, t.prompts.phone], ['138-1234-5678', t.prompts.hukou]], h);
  });

  it('reads school stages in plain words; compulsory education is explained, not dropped in silence', async () => {
    const upToStudent: Step[] = [
      ...start,
      ['给我自己', t.prompts.items],
      ['教育补贴', t.prompts.itemsMore('残疾学生教育专项补贴')],
      ['选好了', t.prompts.hasCertificate],
      ['有', t.prompts.name],
      ...selfIdentity.slice(0, 3),
      ['示范县', t.prompts.student],
    ];
    for (const said of ['小学五年级', '初二', '在读初中']) {
      const h = await run(upToStudent);
      const replies = await h.send(said);
      expect(replies.map((r) => r.text).join('\n'), said).to.include(t.dropped.compulsoryEducation);
    }
    for (const said of ['高一', '读大学', '在读研究生']) {
      const h = await run(upToStudent);
      const reply = await h.say(said);
      expect(reply.text, said).to.not.equal(t.errors.choice);
      expect(reply.text, said).to.not.include(t.dropped.compulsoryEducation);
    }
  });

  it('offers help or a human after three failed tries, never a loop', async () => {
    const h = await run(upToId);
    await h.say('123');
    await h.say('456');
    const third = await h.say('789');
    expect(third.text).to.equal(t.tooManyTries);
    expect(buttons(third)).to.deep.equal(t.tooManyTriesButtons);
    expect((await h.say('转人工')).text).to.include(t.prompts.idNumber);
    expect((await h.say(ADULT_ID)).text).to.equal(t.prompts.phone);
  });

  it('does not accept a guardian younger than 18 or the applicant as own guardian', async () => {
    const h = await run([
      ...start,
      ['替家人或被监护人', t.prompts.relation],
      ['父母', t.prompts.items],
      ['证都要', t.prompts.name],
      ['王小明', t.prompts.idNumber],
      [CHILD_ID, t.prompts.phone],
      ['13812345678', t.prompts.hukou],
      ['示范县', t.prompts.category],
      ['肢体', t.prompts.guardianName],
      ['王建国', t.prompts.guardianId],
    ]);
    expect((await h.say(CHILD_ID)).text).to.equal(t.errors.guardianSameId);
  });
});

describe('ApplicationDialog: interruptions', () => {
  const upToName: Step[] = [...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name]];

  it('帮助 explains the step and asks it again', async () => {
    const h = await run(upToName);
    const replies = await h.send('帮助');
    expect(replies[0].text).to.include(t.examples.name);
    expect(replies[1].text).to.equal(t.prompts.name);
  });

  it('取消 asks for confirmation; 继续填 goes on, 确定不办了 deletes the draft', async () => {
    const h = await run(upToName);
    expect((await h.say('取消')).text).to.equal(t.cancelConfirm);
    expect((await h.say('继续填')).text).to.equal(t.prompts.name);
    await h.say('不办了');
    expect((await h.say('确定不办了')).text).to.equal(t.cancelled);
    expect(await h.drafts.get('test:user1')).to.equal(undefined);
  });

  it('返回 goes back one question and asks it again', async () => {
    const h = await run([...upToName, ['王建国', t.prompts.idNumber]]);
    expect((await h.say('上一步')).text).to.equal(t.prompts.name);
    expect((await h.say('王建军')).text).to.equal(t.prompts.idNumber);
  });

  it('人工 queues for the desk, keeps the draft and asks the same question', async () => {
    const h = await run(upToName);
    const replies = await h.send('人工');
    expect(replies[0].text).to.equal(text.handoff.queued(0, 4));
    expect(replies[1].text).to.equal(t.humanKept);
    expect(replies[2].text).to.equal(t.prompts.name);
    expect((await h.handoffStore.list({ status: ['queued'] })).map((x) => x.reason)).to.deep.equal(['asked']);
  });

  it('answers a policy question mid-form from the knowledge base, then returns to the same step', async () => {
    const h = await run([...upToName, ['王建国', t.prompts.idNumber]]);
    const replies = await h.send('公示要几天？');
    expect(replies[0].text).to.include('5');
    expect(replies[1].text).to.equal(t.continueAfterAnswer + t.prompts.idNumber);
  });
});

describe('ApplicationDialog: summary, edits, resume, duplicates, consent', () => {
  const full: Step[] = [
    ...start,
    ['给我自己', t.prompts.items],
    ['证都要', t.prompts.name],
    ...selfIdentity.slice(0, 3),
    ['示范县', t.prompts.category],
    ['肢体', t.prompts.channel],
    ['网上', t.prompts.delivery],
    ['自己去领', t.summary.intro],
  ];

  it('修改 changes one field without starting over', async () => {
    const h = await run(full);
    expect((await h.say('修改')).text).to.equal(t.summary.pickField);
    expect((await h.say('电话')).text).to.equal(t.prompts.phone);
    const summary = await h.say('0791-86123456');
    expect(summary.text).to.include('电话：0791-86123456').and.include('姓名：王建国');
    expect(buttons(summary)).to.deep.equal([t.summary.confirm, t.summary.edit, t.summary.cancel]);
  });

  it('masks the ID number in the summary until "显示完整号码", and tells the materials once', async () => {
    const h = await run(full.slice(0, -1));
    const replies = await h.send('自己去领');
    const summary = replies[replies.length - 1].text!;
    expect(summary).to.include('身份证号：110105********002X').and.include(t.summary.showFullHint).and.not.include(ADULT_ID);
    const shown = await h.say('显示完整号码');
    expect(shown.text).to.include(`身份证号：${ADULT_ID}`);
    expect(buttons(shown)).to.deep.equal([t.summary.confirm, t.summary.edit, t.summary.cancel]);
    await run([['修改', t.summary.pickField], ['电话', t.prompts.phone]], h);
    const afterEdit = await h.send('0791-86123456');
    expect(afterEdit.map((r) => r.text).join('\n')).to.not.include(t.materials.intro);
    expect(afterEdit[afterEdit.length - 1].text).to.include(t.summary.intro);
  });

  it('reads "我妈" at who-applies as applying for her, and does not ask the relation again', async () => {
    for (const [said, relation] of [['我妈', '子女'], ['给我儿子办', '父母'], ['我老伴', '配偶']]) {
      const h = await run([...start, [said, t.prompts.items], ['证都要', t.prompts.name]]);
      await run([['王秀英', t.prompts.idNumber], [ADULT_ID, t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['肢体', t.prompts.channel], ['网上', t.prompts.delivery]], h);
      const summary = (await h.send('自己去领')).at(-1)!.text!;
      expect(summary, said).to.include(`${t.labels.role}：${t.roles.proxy}`).and.include(`${t.labels.relation}：${relation}`);
    }
  });

  it('shows a typed relation as the button it means', async () => {
    const h = await run([...start, ['替家人或被监护人', t.prompts.relation], ['我是他儿子', t.prompts.items], ['证都要', t.prompts.name]]);
    await run([['王建国', t.prompts.idNumber], [ADULT_ID, t.prompts.phone], ['13812345678', t.prompts.hukou], ['示范县', t.prompts.category], ['肢体', t.prompts.channel], ['网上', t.prompts.delivery]], h);
    const replies = await h.send('自己去领');
    expect(replies[replies.length - 1].text).to.include(`${t.labels.relation}：子女`);
  });

  it('resumes a half-filled application after a restart, and asks nothing twice', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    await run([...start, ['给我自己', t.prompts.items], ['证都要', t.prompts.name], ['王建国', t.prompts.idNumber]], await dialogHarness({ dataDir, clock }));
    clock.advance(5 * 86_400_000);
    const restarted = await dialogHarness({ dataDir, clock });
    const replies = await restarted.send('继续上次的申请');
    expect(replies.map((r) => r.text)).to.deep.equal([t.resumed, t.prompts.idNumber]);
    const again = await dialogHarness({ dataDir, clock });
    expect((await again.say('我要申请')).text).to.include('有一份没填完的申请');
    expect((await again.say('接着填')).text).to.equal(t.prompts.idNumber);
  });

  it('discards a draft older than 30 days, with notice', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    await run([...start, ['给我自己', t.prompts.items]], await dialogHarness({ dataDir, clock }));
    clock.advance(31 * 86_400_000);
    const replies = await (await dialogHarness({ dataDir, clock })).send('我要申请');
    expect(replies[0].text).to.equal(t.expired);
    expect(replies[replies.length - 1].text).to.equal(t.consent);
  });

  it('points to the open case instead of creating a duplicate', async () => {
    const h = await run(full);
    const caseNo = await submitted(h);
    await h.say(text.upload.later);
    await run(full, h);
    expect((await h.say('确认提交')).text).to.equal(t.duplicate(caseNo));
    expect(await h.cases.count()).to.equal(1);
  });

  it('does not tell a case number to someone else applying with the same ID number, and files nothing under another name', async () => {
    // The same person's case filed from another chat (a relative's): its number is not this chat's to see.
    const h = await dialogHarness();
    const theirs = { submittedBy: { role: 'proxy' as const, relation: '女儿', userKey: 'test:someone-else' } };
    const elsewhere = await h.cases.create(newCase({ applicant: { name: '王建国', idNumber: ADULT_ID }, ...theirs }), h.clock.now());
    await run(full, h);
    const reply = (await h.say('确认提交')).text!;
    expect(reply).to.equal(t.duplicateElsewhere);
    expect(reply).not.to.include(elsewhere.caseNo);
    expect(await h.cases.count()).to.equal(1);

    // Another name on an ID number already in progress: nothing filed, the draft kept to correct it.
    const other = await dialogHarness();
    await other.cases.create(newCase({ applicant: { name: '钱五', idNumber: ADULT_ID }, items: [{ id: 'emp-social-card', department: '人社', status: 'submitted' }], ...theirs }), other.clock.now());
    await run(full, other);
    expect((await other.say('确认提交')).text).to.equal(t.nameMismatch);
    expect(await other.cases.count()).to.equal(1);
    expect((await other.send('继续上次的申请'))[0].text).to.equal(t.resumed);
  });

  it('answers every repeat of "确认提交" with the one case it made', async () => {
    const h = await run(full);
    const caseNo = await submitted(h);
    // A double tap arrives while the materials are asked for: the same case, the question again.
    expect((await h.send('确认提交')).map((r) => r.text).join('\n')).to.include(t.submitted(caseNo));
    await h.say(text.upload.later);
    expect((await h.send('确认提交')).map((r) => r.text).join('\n')).to.include(t.submitted(caseNo));
    expect(await h.cases.count()).to.equal(1);
    // Someone else typing it has nothing to confirm: a plain answer, no case.
    expect((await h.sayAs('stranger', '确认提交')).text).not.to.match(/YC\d{12}/);
    expect(await h.cases.count()).to.equal(1);
  });

  it('gives the case a turn alongside made from the same draft, not a second one', async () => {
    const h = await run(full);
    const { draft } = (await h.drafts.get('test:user1'))!;
    expect(draft.submissionId).to.be.a('string');
    // Another turn confirming this draft got there first (the harness runs turns one at a time).
    const raced = await h.useCases.submission.submit({ ...newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), submissionId: draft.submissionId! });
    expect((await h.send('确认提交')).map((r) => r.text).join('\n')).to.include(t.submitted(raced.caseNo));
    expect(await h.cases.count()).to.equal(1);
  });

  it('never takes a question for consent: a question that starts with 要 or 有 is answered and consent asked again', async () => {
    const h = await run([['我要申请', t.consent]]);
    for (const question of ['要花钱吗', '有哪些补贴']) {
      const replies = await h.send(question);
      expect(replies.at(-1)?.text, question).to.include(t.consent);
      expect(replies.map((r) => r.text).join('\n'), question).to.not.include(t.prompts.role);
    }
    // Neither a yes nor a no: the buttons are named.
    expect((await h.say('随便')).text).to.equal(t.errors.confirm(t.consentButtons));
    expect((await h.say('同意')).text).to.equal(t.prompts.role);
  });

  it('keeps nothing when consent is declined', async () => {
    const h = await run([['我要办残疾证', t.consent]]);
    expect((await h.say('不同意')).text).to.equal(t.consentDeclined);
    expect(await h.drafts.get('test:user1')).to.equal(undefined);
  });
});

describe('apply intent', () => {
  const table: [string, boolean][] = [
    ['我要办残疾证', true],
    ['帮我申请护理补贴', true],
    ['给我妈办个残疾证', true],
    ['我要申请', true],
    ['残疾证怎么办', false],
    ['我要办残疾证要带什么', false],
    ['办残疾证去哪里', false],
    // A hotline note or a consulting asks about applying (mt23).
    ['来电人称其父肢体残疾，想申请护理补贴，咨询需满足啥条件', false],
    ['我想咨询一下 给俺娘申请残疾证', false],
    ['市民来电 要给孩子办残疾证', false],
  ];
  for (const [input, expected] of table) it(`"${input}" -> ${expected}`, () => expect(applyRequestIn(input) !== undefined).to.equal(expected));
});

