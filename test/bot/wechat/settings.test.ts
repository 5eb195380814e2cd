import { expect } from 'chai';
import { WECHAT_API_DEFAULT, wechatConfig } from '../../../bot/channels/wechat/settings.js';

const ON = { WECHAT_TOKEN: 't', WECHAT_APPID: 'wx1', WECHAT_APPSECRET: 's', WECHAT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

describe('WeChat settings (WECHAT_*)', () => {
  it('is off naming what is missing, on with all four; the API base defaults to the platform', () => {
    expect(wechatConfig({})).to.deep.equal({ on: false, missing: ['WECHAT_TOKEN', 'WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_AES_KEY'] });
    expect(wechatConfig({ ...ON, WECHAT_AES_KEY: ' ' })).to.deep.equal({ on: false, missing: ['WECHAT_AES_KEY'] });
    const on = wechatConfig(ON);
    expect(on.on && on.settings.apiBase).to.equal(WECHAT_API_DEFAULT);
    expect(on.on && on.settings.template).to.equal(undefined);
  });

  it('reads the template and its fields; a malformed key, base or field list stops start-up with a message', () => {
    const on = wechatConfig({ ...ON, WECHAT_TEMPLATE_ID: 'TPL', WECHAT_TEMPLATE_FIELDS: 'caseNo=character_string1, name=thing2, status=thing3' });
    expect(on.on && on.settings.template).to.deep.equal({ id: 'TPL', fields: { caseNo: 'character_string1', name: 'thing2', status: 'thing3' } });
    expect(() => wechatConfig({ ...ON, WECHAT_AES_KEY: 'short' })).to.throw(/WECHAT_AES_KEY/);
    expect(() => wechatConfig({ ...ON, WECHAT_API_BASE: 'ftp://x' })).to.throw(/WECHAT_API_BASE/);
    for (const bad of ['caseNo=a,name=b', 'caseNo=a,name=b,status=c,extra=d', 'caseNo=a,name=b,status=']) {
      expect(() => wechatConfig({ ...ON, WECHAT_TEMPLATE_ID: 'TPL', WECHAT_TEMPLATE_FIELDS: bad }), bad).to.throw(/WECHAT_TEMPLATE_FIELDS/);
    }
  });
});
