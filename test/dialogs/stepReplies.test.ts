import { expect } from 'chai';
import { withoutSms } from '../../dialogs/replies.js';
import type { Activity } from 'botbuilder';
import { text } from '../../dialogs/text/index.js';
import { nonAnswer } from '../../dialogs/nonAnswers.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { newCase } from '../fixtures/cases.js';
import { buttons, dialogHarness } from './harness.js';

type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const t = text.application;
const s = text.status;
const f = text.flow;
const ADULT_ID = '11010519491231002X';
const toSummary = ['我要申请', '同意', '给我自己', '1', '选好了', '王建国', ADULT_ID, '13812345678', '示范县', '肢体', '网上提交', '邮寄到家', '示范县人民路12号3栋201'];
const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '');

async function inputs(list: string[], h?: Harness): Promise<Harness> {
  const harness = h ?? (await dialogHarness());
  for (const input of list) await harness.say(input);
  return harness;
}

describe('Questions about submitting, asked at the summary', () => {
  // The testers' wording (Traditional), then others nobody wrote down.
  for (const question of ['提交了以後多久有結果', '提交了以后多久有结果', '交上去要等几天', '提交后多长时间能办好？', '申请交了啥时候能批下来']) {
    it(`"${question}" is answered (how long it takes) and the summary asked again, nothing submitted`, async () => {
      const h = await inputs(toSummary);
      const replies = texts(await h.send(question));
      expect(replies.slice(0, -1).join('\n')).to.include(withoutSms(t.summary.answers.when!));
      expect(replies.at(-1)).to.include(t.summary.intro).and.include(t.summary.showFullHint);
      expect((await h.drafts.get('test:user1'))?.draft.phase).to.equal('summary');
      expect(await h.cases.openCasesOfUser('test:user1')).to.have.length(0);
    });
  }

  it('"提交以后还要本人去吗" is told where one goes, and the summary asked again', async () => {
    const h = await inputs(toSummary);
    const replies = texts(await h.send('提交以后还要本人去吗'));
    expect(replies[0]).to.equal(t.summary.answers.where);
    expect(replies.at(-1)).to.include(t.summary.intro);
  });

  for (const [question, answer] of [
    ['提交之后呢', withoutSms(t.summary.answers.when!)],
    ['交上去了还能改吗', t.summary.answers.change],
  ] as const) {
    it(`"${question}" is answered by the summary itself`, async () => {
      const h = await inputs(toSummary);
      const replies = texts(await h.send(question));
      expect(replies[0]).to.equal(answer);
      expect(replies.at(-1)).to.include(t.summary.intro);
    });
  }

  for (const question of ['确认提交要多久', '提交吧？会不会很久']) {
    it(`"${question}" holds a button's words but asks: answered, nothing submitted`, async () => {
      const h = await inputs(toSummary);
      const replies = texts(await h.send(question));
      expect(replies.at(-1)).to.include(t.summary.intro);
      expect(await h.cases.openCasesOfUser('test:user1')).to.have.length(0);
    });
  }

  it('"没啥问题" confirms, as "没问题" does', async () => {
    const h = await inputs(toSummary);
    expect(texts(await h.send('没啥问题')).join('\n')).to.include('申请已提交');
  });

  it('"确认提交" after the question still submits', async () => {
    const h = await inputs([...toSummary, '提交了以後多久有結果']);
    expect(texts(await h.send('确认提交')).join('\n')).to.include('申请已提交');
  });
});

describe('Questions about the consent, asked at the consent', () => {
  for (const [question, answer] of [
    ['为啥要这么多信息', t.consentAnswers.why],
    ['我的信息安全吗', t.consentAnswers.why],
    ['不同意会怎样', t.consentAnswers.refuse],
  ] as const) {
    it(`"${question}" is answered and the consent asked again, nothing decided`, async () => {
      const h = await inputs(['我要申请']);
      const replies = texts(await h.send(question));
      expect(replies[0]).to.equal(answer);
      expect(replies.at(-1)).to.include(t.consent);
      expect((await h.drafts.get('test:user1'))?.draft.phase).to.equal('consent');
    });
  }
});

describe('Asking at the channel question for someone to come', () => {
  for (const said of ['不用上门', '不要上门了我自己去']) {
    it(`"${said}" declines a visit: nothing is kept as a wish for one`, async () => {
      const h = await inputs(toSummary.slice(0, 10));
      const replies = texts(await h.send(said));
      expect(replies).to.not.include(t.homeVisit.appraisal);
      expect((await h.drafts.get('test:user1'))?.draft.values.homeAppraisal).to.equal(undefined);
    });
  }

  for (const said of ['上门给办的那种', '上门', '来家里', '走不了路让人来', '俺娘卧床出不了门']) {
    it(`"${said}" says what is possible, keeps the wish and asks the channel again`, async () => {
      const h = await inputs(toSummary.slice(0, 10));
      const replies = texts(await h.send(said));
      expect(replies[0]).to.equal(t.homeVisit.appraisal);
      expect(replies.at(-1)).to.equal(t.prompts.channel);
      expect((await h.drafts.get('test:user1'))?.draft.values.homeAppraisal).to.equal(said);
    });
  }

  it('at "还要别的吗" after "我要办残疾证", "她走不了路 中风了" keeps a home appraisal: the new certificate needs one', async () => {
    const h = await inputs(['我要办残疾证', '同意', '给我自己']);
    const replies = texts(await h.send('她走不了路 中风了'));
    expect(replies[0]).to.equal(t.homeVisit.appraisal);
    expect((await h.drafts.get('test:user1'))?.draft.values.homeAppraisal).to.equal('她走不了路 中风了');
  });

  it('the home appraisal shows on the summary and is requested on submitting', async () => {
    const h = await inputs([...toSummary.slice(0, 10), '走不了路让人来', ...toSummary.slice(10, 12)]);
    expect((await h.say(toSummary[12])).text).to.include(t.homeVisit.summaryLine);
    const done = texts(await h.send('确认提交')).join('\n');
    expect(done).to.include(t.homeVisit.recorded);
    const [record] = await h.cases.openCasesOfUser('test:user1');
    expect(record.homeAppraisal?.reason).to.equal('走不了路让人来');
  });

  it('without an item that needs an appraisal, says there is none to come for, and records nothing', async () => {
    const h = await inputs(['我要申请', '同意', '给我自己', '4', '选好了', '已经有了', '王建国', ADULT_ID, '13812345678', '示范县', '肢体', '一级']);
    const replies = texts(await h.send('上门'));
    expect(replies[0]).to.equal(t.homeVisit.noAppraisal);
    expect(replies.at(-1)).to.equal(t.prompts.channel);
    expect((await h.drafts.get('test:user1'))?.draft.values.homeAppraisal).to.equal(undefined);
  });
});

describe('Asking how to put a returned case right', () => {
  const photo = dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg', 'photo.jpg');
  /** An online application whose photo staff rejected and returned, the phone flagged too. */
  async function returned(): Promise<Harness & { caseNo: string }> {
    const h = await inputs([...toSummary.slice(0, 10), '网上提交', '自己去领', '确认提交']);
    const [{ caseNo }] = await h.cases.openCasesOfUser('test:user1');
    await h.sendFiles([photo]);
    const file = (await h.cases.get(caseNo))!.materials.files!.photos[0];
    await h.workflow.perform(caseNo, { action: 'start_review', by: 'staff:li' });
    await h.useCases.materials.decide(caseNo, file.fileId, { decision: 'reject', by: 'staff:li', reason: '背景不是白色' });
    await h.workflow.perform(caseNo, { action: 'return', by: 'staff:li', note: '电话打不通', fields: ['phone'] });
    return { ...h, caseNo };
  }
  const start = s.correctStart('电话打不通', `${t.labels.phone}、${text.upload.names.photos}`);

  it('"咋改啊 照片要重拍吗" says what was asked for, that the photo is to be sent again, and asks for it', async () => {
    const h = await returned();
    const replies = texts(await h.send('咋改啊 照片要重拍吗'));
    expect(replies[0]).to.equal(`${start}\n${s.correctAsked.rejected(text.upload.names.photos)}`);
    expect(replies.at(-1)).to.include(text.upload.ask.photos);
  });

  for (const said of ['咋改啊', '被退回来了怎么弄', '要改什么', '照片要重新传吗']) {
    it(`"${said}" starts the correction of that case`, async () => {
      const h = await returned();
      const replies = texts(await h.send(said));
      expect(replies[0]).to.include(start);
      expect(replies.at(-1)).to.include(text.upload.ask.photos);
    });
  }

  it('a material the case does not ask to be sent is said to be not needed here, never kept', async () => {
    const h = await returned();
    expect(texts(await h.send('户口本要重新交吗'))[0]).to.include(s.correctAsked.none(text.upload.names.hukouBook)).and.not.include('不用重新传');
  });

  it('without a returned case, "咋改啊" is a question for the knowledge base', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' } }), h.clock.now());
    expect(texts(await h.send('咋改啊')).join('\n')).not.to.include('退回原因');
  });
});

describe('A step answered with "不知道", "没有", "问问我儿子", "等会再说"', () => {
  it('tells the kinds apart, and leaves answers and questions alone', () => {
    const table: [string, ReturnType<typeof nonAnswer>][] = [
      ['不知道', 'unknown'], ['我也不清楚', 'unknown'], ['记不清了', 'unknown'], ['没有', 'none'], ['还没有呢', 'none'],
      ['问问我儿子', 'askSomeone'], ['我得问一下家里人', 'askSomeone'], ['等我闺女下班回来', 'askSomeone'], ['等他回来', 'askSomeone'], ['不知道，问问我儿子吧', 'askSomeone'],
      ['等会再说', 'later'], ['先不填了', 'later'], ['回头再弄吧', 'later'], ['明天再填', 'later'],
      ['等會再說', 'later'], ['問問我兒子', 'askSomeone'], ['不曉得', 'unknown'],
      ['王建国', undefined], ['明天', undefined], ['明天吧', undefined], ['下次', undefined], ['先', undefined], ['不知道要带什么材料', undefined], ['没有身份证怎么办', undefined], ['问问残疾证怎么办', undefined], ['我儿子', undefined],
      // Questions that name someone or a later time are still questions.
      ['请问我女儿的证在哪领', undefined], ['我想问下他那个补贴', undefined], ['明天再来能办吗', undefined], ['有空再来补办要带什么', undefined], ['先不说这个护理补贴怎么领', undefined],
    ];
    for (const [said, kind] of table) expect(nonAnswer(said), said).to.equal(kind);
  });

  const fields: [name: string, answered: number, asks: string, unknown: string, none: string][] = [
    ['name', 5, t.prompts.name, t.fieldAnswers.name.where!, t.fieldAnswers.name.where!],
    ['ID number', 6, t.prompts.idNumber, t.fieldAnswers.idNumber.where!, t.fieldAnswers.idNumber.none!],
    ['phone', 7, t.prompts.phone, t.fieldAnswers.phone.none!, t.fieldAnswers.phone.none!],
    ['户籍', 8, t.prompts.hukou, t.fieldAnswers.hukou.where!, t.fieldAnswers.hukou.where!],
    ['category', 9, t.prompts.category, t.fieldAnswers.category.where!, t.fieldAnswers.category.where!],
    ['channel', 10, t.prompts.channel, t.fieldAnswers.channel.where!, t.fieldAnswers.channel.where!],
    ['address', 12, t.prompts.address, t.fieldAnswers.address.where!, t.fieldAnswers.address.none!],
    ['who applies', 2, t.prompts.role, f.notKnown, f.notKnown],
  ];
  for (const [name, answered, asks, unknown, none] of fields) {
    for (const [said, expected] of [['不知道', unknown], ['没有', none], ['我也不清楚', unknown]] as const) {
      it(`${name}: "${said}" gets the field's own word, no policy answer, and the field asked again`, async () => {
        const h = await inputs(toSummary.slice(0, answered));
        const replies = texts(await h.send(said));
        expect(replies.join('\n')).to.include(expected).and.not.include('依据');
        expect(replies.at(-1)).to.include(asks);
        // No wrong try counted: three of them would bring the "好像不太顺利" menu.
        expect((await h.drafts.get('test:user1'))?.draft.attempts).to.equal(0);
      });
    }
  }

  it('"没有" where it answers the question (已经有证了吗) is still the answer', async () => {
    const h = await inputs(['我要申请', '同意', '给我自己', '4', '选好了']);
    expect(texts(await h.send('没有')).join('\n')).to.include(t.certificateAdded);
    expect((await h.drafts.get('test:user1'))?.draft.values.hasCertificate).to.equal(false);
  });

  it('name: "记不清" and "问问我儿子" are not taken for a name', async () => {
    const h = await inputs(toSummary.slice(0, 5));
    await h.send('记不清');
    await h.send('问问我儿子');
    expect((await h.drafts.get('test:user1'))?.draft.values.name).to.equal(undefined);
  });

  for (const said of ['问问我儿子', '我得问一下家里人', '等我闺女下班回来']) {
    it(`"${said}" waits for the answer at the same step: then the answer is taken`, async () => {
      const h = await inputs(toSummary.slice(0, 6));
      const reply = (await h.say(said)).text;
      expect(reply).to.equal(`${f.askAround}\n${t.prompts.idNumber}`);
      expect((await h.say(ADULT_ID)).text).to.include(t.prompts.phone);
    });
  }

  for (const said of ['等会再说', '先不填了', '回头再弄吧']) {
    it(`"${said}" pauses the form, keeping the draft; "继续上次的申请" goes on from the same field`, async () => {
      const h = await inputs(toSummary.slice(0, 7));
      expect((await h.say(said)).text).to.equal(t.paused);
      expect((await h.drafts.get('test:user1'))?.draft.values.idNumber).to.equal(ADULT_ID);
      // The flow is over: a question is answered as any question.
      expect((await h.say('公示要几天')).text).to.include('依据');
      expect((await h.say('继续上次的申请')).text).to.include(t.prompts.phone);
    });
  }

  it('"等会再说" when asked to confirm a cancel keeps the draft at its question', async () => {
    const h = await inputs([...toSummary.slice(0, 7), '取消']);
    expect((await h.say('等会再说')).text).to.equal(t.paused);
    expect((await h.say('继续上次的申请')).text).to.include(t.prompts.phone);
  });

  it('in the family check, "问问我儿子" waits for the case number and "等会再说" stops', async () => {
    const h = await inputs(['帮家人查进度']);
    expect((await h.say('问问我儿子')).text).to.equal(`${f.askAround}\n${s.familyAskCaseNo}`);
    expect((await h.say('等会再说')).text).to.equal(f.paused);
    expect((await h.say('公示要几天')).text).to.include('依据');
  });

  it('at the materials step, "等会再说" is "稍后再传": what is still to come, and how to send it later', async () => {
    const h = await inputs([...toSummary.slice(0, 10), '网上提交', '自己去领', '确认提交']);
    const reply = (await h.say('等会再说')).text;
    expect(reply).to.include(text.upload.progress('', text.upload.names.photos));
    expect((await h.say('补传材料')).text).to.include(text.upload.ask.photos);
  });

  it('in the family check, "不知道" at the case number says where to find it', async () => {
    const h = await inputs(['帮家人查进度']);
    const replies = texts(await h.send('不知道'));
    expect(replies[0]).to.equal(s.caseNoAnswers.where);
    expect(replies.at(-1)).to.include(s.familyAskCaseNo);
  });
});

describe('Trial 7: what people said at the form and the booking', () => {
  const CHILD_ID = '110101201003074514';
  const toGuardianName = ['我要办残疾证', '同意', '替家人或被监护人', '父母', '残疾人证（第一次办）', '就这些', '王小明', CHILD_ID, '13812345678', '示范县', '听力'];

  it('"问问我儿子" at 给谁申请 is no relation, and at the guardian\'s name no name', async () => {
    const h = await inputs(['我要办残疾证', '同意']);
    expect((await h.say('问问我儿子')).text).to.equal(`${f.askAround}\n${t.prompts.role}`);
    expect((await h.drafts.get('test:user1'))?.draft.values.role).to.equal(undefined);
    const g = await inputs(toGuardianName);
    expect((await g.say('问问我儿子')).text).to.equal(`${f.askAround}\n${t.prompts.guardianName}`);
    expect((await g.drafts.get('test:user1'))?.draft.values.guardianName).to.equal(undefined);
  });

  it('"没有" at the guardian\'s name says who the guardian usually is', async () => {
    const h = await inputs(toGuardianName);
    const replies = texts(await h.send('没有'));
    expect(replies[0]).to.equal(t.fieldAnswers.guardianName.where);
    expect(replies.at(-1)).to.include(t.prompts.guardianName);
  });

  for (const [said, channel] of [['我不会用手机', 'window'], ['俺没有智能手机', 'window'], ['网上我弄不了', 'window'], ['我去不了窗口', 'online']] as const) {
    it(`"${said}" at the channel question is read as ${channel}, and said back`, async () => {
      const h = await inputs(toSummary.slice(0, 10));
      const replies = texts(await h.send(said));
      expect(replies[0]).to.equal(t.channelRead(t.channels[channel]));
      expect((await h.drafts.get('test:user1'))?.draft.values.channel).to.equal(channel);
    });
  }

  for (const said of ['都要吧', '全部都办']) {
    it(`"${said}" at the items question asks which are meant, picking nothing`, async () => {
      const h = await inputs(['我要办残疾证', '同意', '给我自己']);
      const replies = texts(await h.send(said));
      expect(replies[0]).to.equal(t.itemsAllAsk);
      expect(replies.at(-1)).to.include(t.prompts.itemsMore('残疾人证新办'));
      expect((await h.drafts.get('test:user1'))?.draft.values.picks).to.equal(undefined);
    });
  }

  it('"我家是低保户能领哪个" at the items question is answered by the item it is about, and the list asked again', async () => {
    const h = await inputs(['我要办残疾证', '同意', '给我自己']);
    const replies = texts(await h.send('我家是低保户能领哪个'));
    expect(replies[0]).to.equal(t.itemExplain['living-allowance']);
    expect(replies.at(-1)).to.include(t.prompts.itemsMore('残疾人证新办'));
  });

  it('"不知道" at the items question helps choosing', async () => {
    const h = await inputs(['我要申请', '同意', '给我自己']);
    expect(texts(await h.send('不知道'))[0]).to.equal(t.fieldAnswers.picks.where);
  });

  for (const [answered, asks] of [[5, t.prompts.name], [8, t.prompts.hukou]] as const) {
    it(`"那天我去不了 上门办的那种" at "${asks}" offers what can come to the person, and asks it again`, async () => {
      const h = await inputs(toSummary.slice(0, answered));
      const replies = texts(await h.send('那天我去不了 上门办的那种'));
      expect(replies[0]).to.equal(t.homeVisit.appraisal);
      expect(replies.at(-1)).to.include(asks);
      expect((await h.drafts.get('test:user1'))?.draft.values.homeAppraisal).to.equal('那天我去不了 上门办的那种');
    });
  }

  it('"上门办的那种" at the booking\'s date step requests the home appraisal', async () => {
    const h = await dialogHarness();
    await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, stage: 'appraisal_scheduled', items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), h.clock.now());
    await h.say('预约鉴定');
    expect((await h.say('那天我去不了 上门办的那种')).text).to.include('已经为您登记了上门鉴定');
  });

  it('"是我家那口子" at the relation question is 配偶', async () => {
    const h = await inputs(['我要申请', '同意', '替家人或被监护人']);
    await h.say('是我家那口子');
    expect((await h.drafts.get('test:user1'))?.draft.values.relation).to.equal('配偶');
  });

  it('"我再想想" at the summary keeps the draft for later', async () => {
    const h = await inputs(toSummary);
    expect((await h.say('我再想想')).text).to.equal(t.paused);
    expect((await h.drafts.get('test:user1'))?.draft.phase).to.equal('summary');
  });

  it('"不知道" as the first message shows what one can ask, with the menu', async () => {
    const h = await dialogHarness();
    const reply = await h.say('不知道');
    expect(reply.text).to.equal(text.notSure);
    expect(buttons(reply)).to.include.members(text.welcome.buttons);
  });

  it('"这是干啥的" at the summary says what the summary is for', async () => {
    const h = await inputs(toSummary);
    const replies = texts(await h.send('这是干啥的'));
    expect(replies[0]).to.equal(t.summary.answers.what);
    expect(replies.at(-1)).to.include(t.summary.intro);
  });
});
