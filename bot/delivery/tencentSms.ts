import type { Clock } from '../../data/clock.js';
import { tc3Authorization } from './tc3.js';
import type { SmsProvider, SmsRequest, SmsResult } from './smsProvider.js';

export const TENCENT_SMS_VERSION = '2021-01-11';
export const DEFAULT_TENCENT_SMS_BASE = 'https://sms.tencentcloudapi.com';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentSmsConfig {
  /** SMS_API_BASE: the API's origin (a local fake in tests). */
  baseUrl: string;
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId of the SMS application. */
  sdkAppId: string;
  /** The approved signature (签名) shown as 【…】. */
  signName: string;
  /** X-TC-Region, ap-guangzhou by default. */
  region: string;
  timeoutMs?: number;
}

/**
 * Codes that will not change by trying again: the number, the template, the signature or the
 * application is wrong, or the person unsubscribed. Anything else (throttling, the provider's
 * internal errors, a balance run out, codes not listed) is retried by the outbox with backoff,
 * and dead-lettered after its attempts.
 */
const GIVE_UP = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'InvalidParameterValue.TemplateParameterFormatError',
  'InvalidParameterValue.TemplateParameterLengthLimit',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
  'InvalidParameterValue.ContentLengthLimit',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberParseFail',
  'FailedOperation.ContainSensitiveWord',
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
  'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
  'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureFailure',
  'AuthFailure.UnauthorizedOperation',
]);
/** The provider's blacklist: a phone that replied TD (退订) to any of the account's messages. */
const UNSUBSCRIBED = 'FailedOperation.PhoneNumberInBlacklist';

/** The provider's code mapped to the outbox's retry or give-up. */
export function tencentOutcome(code: string, message: string): Extract<SmsResult, { ok: false }> {
  return { ok: false, code, message, retry: !GIVE_UP.has(code), ...(code === UNSUBSCRIBED ? { unsubscribed: true } : {}) };
}

interface SendSmsResponse {
  Response?: {
    Error?: { Code: string; Message: string };
    SendStatusSet?: { SerialNo: string; PhoneNumber: string; Fee: number; SessionContext: string; Code: string; Message: string; IsoCode: string }[];
    RequestId?: string;
  };
}

/** Tencent Cloud SMS API 3.0, SendSms: one number per request, signed with TC3-HMAC-SHA256. */
export class TencentSms implements SmsProvider {
  private readonly url: URL;

  constructor(
    private readonly config: TencentSmsConfig,
    private readonly clock: Clock,
  ) {
    this.url = new URL(config.baseUrl);
  }

  async send(request: SmsRequest): Promise<SmsResult> {
    const body = JSON.stringify({
      PhoneNumberSet: [request.phone],
      SmsSdkAppId: this.config.sdkAppId,
      SignName: this.config.signName,
      TemplateId: request.templateId,
      TemplateParamSet: request.params,
      ...(request.context ? { SessionContext: request.context } : {}),
    });
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const signed = { 'content-type': CONTENT_TYPE, host: this.url.host };
    const authorization = tc3Authorization(this.config.secretId, this.config.secretKey, SERVICE, timestamp, {
      method: 'POST',
      path: this.url.pathname || '/',
      query: '',
      headers: signed,
      body,
    });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': CONTENT_TYPE,
          'X-TC-Action': 'SendSms',
          'X-TC-Version': TENCENT_SMS_VERSION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': this.config.region,
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (err) {
      return { ok: false, code: 'NetworkError', message: err instanceof Error ? err.message : String(err), retry: true };
    }
    let parsed: SendSmsResponse;
    try {
      parsed = (await response.json()) as SendSmsResponse;
    } catch {
      return { ok: false, code: `HTTP${response.status}`, message: 'the answer was not JSON', retry: true };
    }
    const error = parsed.Response?.Error;
    if (error) return tencentOutcome(error.Code, error.Message);
    const status = parsed.Response?.SendStatusSet?.[0];
    if (!status) return { ok: false, code: `HTTP${response.status}`, message: 'no SendStatusSet in the answer', retry: true };
    return status.Code === 'Ok' ? { ok: true, serialNo: status.SerialNo } : tencentOutcome(status.Code, status.Message);
  }
}
