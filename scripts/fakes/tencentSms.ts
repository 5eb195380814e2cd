import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalRequest, parseTc3Authorization, tc3Date, tc3Signature } from '../../bot/delivery/tc3.js';

/** One SMS the fake accepted, as the phone would show it. */
export interface FakeSms {
  serialNo: string;
  phone: string;
  templateId: string;
  params: string[];
  signName: string;
  /** The approved template with its parameters filled in, after 【signature】. */
  text: string;
  context?: string;
}

export interface FakeTencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** Approved templates: id -> content with {1}, {2}, ... */
  templates: Record<string, string>;
  /** The fake's clock (seconds are checked against X-TC-Timestamp, 5 minutes either way). */
  now?: () => Date;
  /** Told of every SMS accepted (`npm run fakes` prints them). */
  onSent?: (sms: FakeSms) => void;
}

const SKEW_S = 300;

/**
 * A local stand-in for Tencent Cloud SMS API 3.0's SendSms, for tests and the benchmark: it
 * verifies the TC3-HMAC-SHA256 signature from the request as received (the signed headers it
 * names, the body's bytes), checks the application, signature, template and its parameters,
 * and answers with the documented response shapes and error codes. Numbers that replied TD
 * (`blacklist`) and scripted failures (`failNext`) give the codes the real service gives.
 */
export class FakeTencentSms {
  readonly sent: FakeSms[] = [];
  /** Requests refused as a whole (signature, time, application), by code. */
  readonly refused: string[] = [];
  readonly blacklist = new Set<string>();
  private readonly failures: { phone?: string; code: string }[] = [];
  private server?: Server;
  private serial = 0;

  constructor(private readonly options: FakeTencentSmsOptions) {}

  /** The next send (to `phone`, or to anyone) fails with the service's `code`. */
  failNext(code: string, phone?: string): void {
    this.failures.push({ code, phone });
  }

  /** Listens on loopback, on `port` or a free one; resolves to the base URL. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const requestId = randomUUID();
    const answer = (response: Record<string, unknown>) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const fail = (code: string, message: string) => {
      this.refused.push(code);
      answer({ Error: { Code: code, Message: message } });
    };
    if (req.method !== 'POST') return fail('UnsupportedProtocol', 'POST only');
    if (req.headers['x-tc-action'] !== 'SendSms') return fail('InvalidAction', `unknown action ${String(req.headers['x-tc-action'])}`);
    if (req.headers['x-tc-version'] !== '2021-01-11') return fail('NoSuchVersion', 'version');
    const problem = this.checkSignature(req, body);
    if (problem) return fail(problem.code, problem.message);
    let input: { PhoneNumberSet?: unknown; SmsSdkAppId?: unknown; SignName?: unknown; TemplateId?: unknown; TemplateParamSet?: unknown; SessionContext?: unknown };
    try {
      input = JSON.parse(body);
    } catch {
      return fail('InvalidParameter', 'body is not JSON');
    }
    if (input.SmsSdkAppId !== this.options.sdkAppId) return fail('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verify fail');
    if (input.SignName !== this.options.signName) return fail('FailedOperation.SignatureIncorrectOrUnapproved', 'signature incorrect or unapproved');
    const template = typeof input.TemplateId === 'string' ? this.options.templates[input.TemplateId] : undefined;
    if (template === undefined) return fail('FailedOperation.TemplateIncorrectOrUnapproved', 'template incorrect or unapproved');
    const params = input.TemplateParamSet;
    const wanted = new Set(template.match(/\{\d+\}/g) ?? []).size;
    if (!Array.isArray(params) || params.length !== wanted || !params.every((p) => typeof p === 'string')) {
      return fail('InvalidParameterValue.TemplateParameterFormatError', `template wants ${wanted} parameters`);
    }
    if (!Array.isArray(input.PhoneNumberSet) || input.PhoneNumberSet.length < 1 || input.PhoneNumberSet.length > 200) return fail('InvalidParameterValue.IncorrectPhoneNumber', 'PhoneNumberSet');
    const statuses = (input.PhoneNumberSet as unknown[]).map((phone) => this.sendOne(String(phone), input.TemplateId as string, params as string[], template, typeof input.SessionContext === 'string' ? input.SessionContext : undefined));
    answer({ SendStatusSet: statuses });
  }

  /** The documented checks of TC3-HMAC-SHA256, from the request as it arrived. */
  private checkSignature(req: IncomingMessage, body: string): { code: string; message: string } | undefined {
    const timestamp = Number(req.headers['x-tc-timestamp']);
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > SKEW_S) return { code: 'AuthFailure.SignatureExpire', message: 'signature expired' };
    const auth = parseTc3Authorization(String(req.headers.authorization ?? ''));
    if (!auth) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization is not TC3-HMAC-SHA256' };
    if (auth.secretId !== this.options.secretId) return { code: 'AuthFailure.SecretIdNotFound', message: 'SecretId not found' };
    if (auth.service !== 'sms' || auth.date !== tc3Date(timestamp)) return { code: 'AuthFailure.SignatureFailure', message: 'credential scope' };
    if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) return { code: 'AuthFailure.SignatureFailure', message: 'content-type and host must be signed' };
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) headers[name] = String(req.headers[name] ?? '');
    const [path, query = ''] = (req.url ?? '/').split('?');
    const { canonical } = canonicalRequest({ method: req.method ?? '', path, query, headers, body });
    if (tc3Signature(this.options.secretKey, 'sms', timestamp, canonical) !== auth.signature) return { code: 'AuthFailure.SignatureFailure', message: 'signature mismatch' };
    return undefined;
  }

  private sendOne(phone: string, templateId: string, params: string[], template: string, context?: string) {
    const base = { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: context ?? '', IsoCode: 'CN' };
    const scripted = this.failures.findIndex((f) => f.phone === undefined || f.phone === phone);
    if (scripted >= 0) {
      const [{ code }] = this.failures.splice(scripted, 1);
      return { ...base, Code: code, Message: code };
    }
    if (!/^\+861[3-9]\d{9}$/.test(phone)) return { ...base, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect phone number' };
    if (this.blacklist.has(phone)) return { ...base, Code: 'FailedOperation.PhoneNumberInBlacklist', Message: 'phone number in blacklist' };
    const serialNo = `2433:${String(++this.serial).padStart(28, '0')}`;
    const text = `【${this.options.signName}】` + template.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
    const sms: FakeSms = { serialNo, phone, templateId, params, signName: this.options.signName, text, ...(context ? { context } : {}) };
    this.sent.push(sms);
    this.options.onSent?.(sms);
    return { ...base, SerialNo: serialNo, Fee: Math.ceil(text.length / 67), Code: 'Ok', Message: 'send success' };
  }
}
