import { expect } from 'chai';
import { appraisalQuestion } from '../../dialogs/booking/bookingDialog.js';

describe('what a message asks about the appraisal itself', () => {
  it('reads the appraisal\'s bring list, hour and place', () => {
    expect(appraisalQuestion('要带啥')).to.equal('bring');
    expect(appraisalQuestion('上午几点到啊')).to.equal('hour');
    expect(appraisalQuestion('医院在哪')).to.equal('where');
  });

  it('leaves alone when money or a certificate arrives, and where another office is', () => {
    for (const q of ['补贴什么时候到账', '残疾证什么时候到手', '邮寄的证啥时候到家', '钱什么时候到', '残联地址在哪', '窗口地址在哪儿', '办证的地方在哪里']) {
      expect(appraisalQuestion(q), q).to.equal(undefined);
    }
  });
});
