import { TencentSms, type TencentSmsConfig } from '../../../bot/delivery/tencentSms.js';
import type { SmsTemplateKey } from '../../../data/outbox.js';
import { statusTexts } from '../../../dialogs/text/index.js';
import { FakeTencentSms } from '../../../scripts/fakes/tencentSms.js';
import type { FakeClock } from '../../support.js';

/** Template ids as SMS_TEMPLATES would name them. */
export const TEMPLATE_IDS: Record<SmsTemplateKey, string> = { status: '2001001', staff_new_case: '2001002', staff_deadline: '2001003', returned: '2001004', appraisal: '2001005', family_checked: '2001006', family_locked: '2001007' };
export const SMS_TEMPLATES_ENV = Object.entries(TEMPLATE_IDS).map(([k, id]) => `${k}=${id}`).join(',');

export const CREDENTIALS = { secretId: 'AKIDtest0000000000000000000000000000', secretKey: 'test-secret-key-0000000000000000', sdkAppId: '1400000001', signName: '示范县残联' };

/** The fake provider with the catalogue's templates approved under TEMPLATE_IDS, on the tests' clock. */
export async function startFakeSms(clock: FakeClock): Promise<{ fake: FakeTencentSms; base: string; config: TencentSmsConfig; provider: TencentSms }> {
  const templates = Object.fromEntries(Object.entries(TEMPLATE_IDS).map(([k, id]) => [id, statusTexts.sms[k as SmsTemplateKey]]));
  const fake = new FakeTencentSms({ ...CREDENTIALS, templates, now: () => clock.now() });
  const base = await fake.start();
  const config: TencentSmsConfig = { baseUrl: base, ...CREDENTIALS, region: 'ap-guangzhou' };
  return { fake, base, config, provider: new TencentSms(config, clock) };
}
