import { loadSmsSetting, type SmsSetting } from '../../../bot/delivery/smsConfig.js';
import { TencentSms, type TencentSmsConfig } from '../../../bot/delivery/tencentSms.js';
import type { SmsTemplateKey } from '../../../data/outbox.js';
import { statusTexts } from '../../../dialogs/text/index.js';
import { FakeTencentSms } from '../../../scripts/fakes/tencentSms.js';
import { createApp, type App } from '../../../bot/app.js';
import type { Config } from '../../../bot/config.js';
import { FakeClock, testConfig } from '../../support.js';

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

/** The app's SMS setting as SMS_* variables naming the fake at `base` would give it (`env` adds or overrides). */
function smsSettingFor(base: string, env: Record<string, string> = {}): SmsSetting {
  return loadSmsSetting({
    SMS_API_BASE: base,
    SMS_SECRET_ID: CREDENTIALS.secretId,
    SMS_SECRET_KEY: CREDENTIALS.secretKey,
    SMS_SDK_APP_ID: CREDENTIALS.sdkAppId,
    SMS_SIGN_NAME: CREDENTIALS.signName,
    SMS_TEMPLATES: SMS_TEMPLATES_ENV,
    ...env,
  });
}

export interface SmsApp {
  app: App;
  base: string;
  fake: FakeTencentSms;
  clock: FakeClock;
  close(): Promise<void>;
}

/** The app (memory store) with SMS on against a fresh fake, its clock at 10:00 Beijing time (outside quiet hours). */
export async function startSmsApp(config: Partial<Config> = {}, env: Record<string, string> = {}): Promise<SmsApp> {
  const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));
  const { fake, base: smsBase } = await startFakeSms(clock);
  const app = await createApp({ config: testConfig({ store: 'memory', sms: smsSettingFor(smsBase, env), ...config }), clock });
  const base = await app.listen();
  return { app, base, fake, clock, close: async () => (await app.close(), await fake.close()) };
}
