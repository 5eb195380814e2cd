import { expect } from 'chai';
import { loadSmsSetting } from '../../../bot/delivery/smsConfig.js';
import { loadConfig } from '../../../bot/config.js';
import { SMS_TEMPLATES_ENV } from './smsFixture.js';

const FULL = { SMS_SECRET_ID: 'id', SMS_SECRET_KEY: 'key', SMS_SDK_APP_ID: '1400000001', SMS_SIGN_NAME: '示范县残联', SMS_TEMPLATES: SMS_TEMPLATES_ENV };

describe('SMS_* in the configuration', () => {
  it('is off without the provider\'s credentials, naming what is missing', () => {
    expect(loadConfig({}).sms).to.deep.equal({ on: false, reason: 'SMS_* not set' });
    expect(loadSmsSetting({ SMS_SECRET_ID: 'id' })).to.deep.equal({ on: false, reason: 'missing SMS_SECRET_KEY, SMS_SDK_APP_ID, SMS_SIGN_NAME, SMS_TEMPLATES' });
  });

  it('is on with them: the real endpoint and limits by default, the fake\'s when set', () => {
    const on = loadSmsSetting(FULL);
    expect(on).to.have.property('on', true);
    if (!on.on) return;
    expect(on.config.tencent).to.include({ baseUrl: 'https://sms.tencentcloudapi.com', region: 'ap-guangzhou' });
    expect(on.config.limits).to.deep.equal({ perMinute: 1, perDay: 10 });
    expect(on.config.templateIds).to.deep.equal({ status: '2001001', staff_new_case: '2001002', staff_deadline: '2001003', returned: '2001004', appraisal: '2001005', family_checked: '2001006', family_locked: '2001007' });
    const local = loadSmsSetting({ ...FULL, SMS_API_BASE: 'http://127.0.0.1:4000', SMS_PHONE_PER_MINUTE: '2', SMS_PHONE_PER_DAY: '5', SMS_CALLBACK_TOKEN: 't' });
    expect(local.on && local.config).to.deep.include({ limits: { perMinute: 2, perDay: 5 }, callbackToken: 't' });
  });

  it('stops start-up on a value that is set but wrong', () => {
    expect(() => loadSmsSetting({ ...FULL, SMS_TEMPLATES: 'status=1' })).to.throw('SMS_TEMPLATES 缺少 returned、appraisal、family_checked、family_locked、staff_new_case、staff_deadline');
    expect(() => loadSmsSetting({ ...FULL, SMS_TEMPLATES: 'promo=1' })).to.throw('SMS_TEMPLATES 无效');
    expect(() => loadSmsSetting({ ...FULL, SMS_PHONE_PER_DAY: '0' })).to.throw('SMS_PHONE_PER_DAY 无效');
    expect(() => loadSmsSetting({ ...FULL, SMS_API_BASE: 'ftp://x' })).to.throw('SMS_API_BASE 无效');
  });
});
