import { expect } from 'chai';
import { dialogHarness } from './harness.js';

// Trial 22's follow-up and hand-off faults (6, 8, 11, 12, 7), each in the tester's words and in others.

describe('trial 22 (8): in the queue for a person, asking how long is the wait for that person', () => {
  for (const [first, asked] of [
    ['我是聋人 电话打不了 想找个工作人员打字聊', '要等多久'],
    ['转人工', '还得等多长时间'],
    ['我要找人工', '啥时候轮到俺'],
    ['转人工', '人工客服还要等多久啊'],
  ]) {
    it(`"${asked}" after "${first}": the place and minutes in the queue, not the certificate's timeline`, async () => {
      const h = await dialogHarness();
      await h.say(first);
      const reply = (await h.say(asked)).text ?? '';
      expect(reply).to.match(/排队.*大约还要等\d+分钟/u);
      expect(reply).to.not.include('公示');
    });
  }

  it('a question about the certificate\'s time, while queued, is still answered by the bot', async () => {
    const h = await dialogHarness();
    await h.say('转人工');
    const reply = (await h.say('办残疾证要等多久')).text ?? '';
    expect(reply).to.not.include('排队');
    expect(reply).to.include('评定');
  });

  it('the agent sees the question on the queued hand-off', async () => {
    const h = await dialogHarness();
    await h.say('转人工');
    await h.say('要等多久');
    const [queued] = await h.handoffStore.list({ status: ['queued'] });
    expect(queued.messages.map((m) => m.text)).to.include('要等多久');
  });
});
