import { expect } from 'chai';
import { dialogHarness } from './harness.js';

// What follows a declined question in one message asks of the declined matter, unless it names ours
// (dev20 through the endpoints: the passport's photo got our photo rule).
describe('a run-on whose first question is another office\'s', () => {
  for (const said of ['护照怎么办理，照片有要求吗', '老年证咋办 要带啥', '高龄补贴咋领 每月多少', '身份证丢了咋补 要多久', '养狗要办证吗 在哪办']) {
    it(`"${said}" is declined as a whole, none of ours said`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.match(/不在这里办|不属于这里|由发这个证的部门/);
      expect(reply.text).to.not.include('依据');
    });
  }

  it('a later part naming ours is answered ("老年证咋办 护理补贴能领不"), the other office\'s part offered', async () => {
    const h = await dialogHarness();
    const reply = await h.say('老年证咋办 护理补贴能领不');
    expect(reply.text).to.include('护理补贴');
    expect(reply.text).to.include('一级');
  });

  it('another booking at a hospital ("体检中心预约电话") starts no appraisal booking', async () => {
    const h = await dialogHarness();
    const reply = await h.say('来电人咨询市人民医院体检中心预约电话');
    expect(reply.text).to.not.match(/评定要先提交申请/);
  });

  it('a hospital\'s opening hours are not the window\'s', async () => {
    const h = await dialogHarness();
    for (const said of ['安定医院几点开门', '县医院几点上班']) expect((await h.say(said)).text, said).to.not.match(/9:00/);
  });
});
