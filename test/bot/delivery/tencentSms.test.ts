import { expect } from 'chai';
import { canonicalRequest, tc3Authorization } from '../../../bot/delivery/tc3.js';
import { TencentSms, tencentOutcome } from '../../../bot/delivery/tencentSms.js';
import type { FakeTencentSms } from '../../../scripts/fakes/tencentSms.js';
import { FakeClock } from '../../support.js';
import { startFakeSms, TEMPLATE_IDS } from './smsFixture.js';

const PHONE = '+8613812345678';

describe('TC3-HMAC-SHA256 signing', () => {
  it('gives the signature of the provider documentation\'s example request', () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const req = { method: 'POST', path: '/', query: '', headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' }, body };
    expect(canonicalRequest(req).canonical.split('\n').pop()).to.equal('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(tc3Authorization('AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******', 'Gu5t9xGARNpq86cd98joQYCN3*******', 'cvm', 1551113065, req)).to.equal(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });
});

describe('Tencent Cloud SMS SendSms against the local fake', () => {
  let fake: FakeTencentSms;
  let provider: TencentSms;
  let config: Awaited<ReturnType<typeof startFakeSms>>['config'];
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock();
    ({ fake, provider, config } = await startFakeSms(clock));
  });
  afterEach(() => fake.close());

  it('sends a signed request the fake verifies, with the template and its parameters', async () => {
    const result = await provider.send({ phone: PHONE, templateId: TEMPLATE_IDS.status, params: ['王*国', 'YC202611200001', '残联预审中'], context: 'OB00000001' });
    expect(result).to.deep.equal({ ok: true, serialNo: fake.sent[0].serialNo });
    expect(fake.sent[0]).to.deep.include({ phone: PHONE, templateId: '2001001', params: ['王*国', 'YC202611200001', '残联预审中'], context: 'OB00000001' });
    expect(fake.sent[0].text).to.match(/^【示范县残联】王\*国您好，您的残疾人服务申请YC202611200001有新进展，现在是“残联预审中”。/);
  });

  it('is refused for good with a wrong key, and for now with a clock more than 5 minutes off', async () => {
    const wrongKey = new TencentSms({ ...config, secretKey: 'another-key' }, clock);
    expect(await wrongKey.send({ phone: PHONE, templateId: TEMPLATE_IDS.status, params: ['a', 'b', 'c'] })).to.deep.include({ ok: false, code: 'AuthFailure.SignatureFailure', retry: false });
    const late = new TencentSms(config, new FakeClock(new Date(clock.now().getTime() - 6 * 60_000)));
    expect(await late.send({ phone: PHONE, templateId: TEMPLATE_IDS.status, params: ['a', 'b', 'c'] })).to.deep.include({ ok: false, code: 'AuthFailure.SignatureExpire', retry: true });
    expect(fake.sent).to.have.length(0);
  });

  it('maps the documented codes to give up or retry', async () => {
    const send = (params = ['a', 'b', 'c'], templateId = TEMPLATE_IDS.status, phone = PHONE) => provider.send({ phone, templateId, params });
    expect(await send(['a', 'b', 'c'], '999')).to.deep.include({ code: 'FailedOperation.TemplateIncorrectOrUnapproved', retry: false });
    expect(await send(['a', 'b'])).to.deep.include({ code: 'InvalidParameterValue.TemplateParameterFormatError', retry: false });
    expect(await send(undefined, undefined, '+8612345678901')).to.deep.include({ code: 'InvalidParameterValue.IncorrectPhoneNumber', retry: false });
    fake.blacklist.add(PHONE);
    expect(await send()).to.deep.include({ code: 'FailedOperation.PhoneNumberInBlacklist', retry: false, unsubscribed: true });
    fake.blacklist.clear();
    for (const code of ['LimitExceeded.PhoneNumberThirtySecondLimit', 'LimitExceeded.PhoneNumberDailyLimit', 'InternalError.Timeout', 'RequestLimitExceeded']) {
      fake.failNext(code);
      expect(await send(), code).to.deep.include({ ok: false, code, retry: true });
    }
    expect(await send()).to.have.property('ok', true);
  });

  it('retries when the provider cannot be reached or answers something else than JSON', async () => {
    await fake.close();
    expect(await provider.send({ phone: PHONE, templateId: '1', params: [] })).to.deep.include({ ok: false, code: 'NetworkError', retry: true });
    expect(tencentOutcome('SomethingNew', 'x')).to.deep.include({ retry: true });
  });
});
