import { expect } from 'chai';
import { heardFrom } from '../../../bot/channels/wechat/activities.js';

const context = { serviceUrl: 'http://127.0.0.1:9/api/wechat', mediaUrl: (id: string) => new URL(`http://127.0.0.1:9/media/${id}`) };
const voice = (Recognition: string) => heardFrom({ ToUserName: 'gh_x', FromUserName: 'oVoice', CreateTime: '1763604000', MsgType: 'voice', MediaId: 'v', Recognition, MsgId: '1' }, context);
const textOf = (heard: ReturnType<typeof heardFrom>) => (heard.kind === 'turn' ? heard.activity.text : heard.kind);

// The platform's recognition ends every utterance with 。, which a name or an ID number typed at a form's step does not.
describe('WeChat voice messages', () => {
  it('drop the full stop the recognition puts at the end, and keep a question mark', () => {
    expect(textOf(voice('刘小燕。'))).to.equal('刘小燕');
    expect(textOf(voice('410102201308220049。'))).to.equal('410102201308220049');
    expect(textOf(voice('对！'))).to.equal('对');
    expect(textOf(voice('残疾证要带什么材料？'))).to.equal('残疾证要带什么材料？');
    expect(textOf(voice('。'))).to.equal('say');
  });
});
