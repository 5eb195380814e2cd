import { seededRandom } from '../bench/stats.js';

/**
 * Seeded generation of hostile HTTP requests, as raw bytes: the same seed gives the same
 * sequence. Each request is built from a valid one by breaking one or more things about it.
 */

/** What the run knows of the server: credentials and ids that make a request get past the first check. */
export interface FuzzContext {
  adminToken: string;
  agentToken: string;
  directLineSecret: string;
  /** A Direct Line conversation and its token, started before the run. */
  conversationId: string;
  conversationToken: string;
  /** A loopback Connector endpoint that accepts whatever the bot posts (replies not sent back in the answer). */
  sinkUrl: string;
}

export interface FuzzRequest {
  /** Which part of the server it aims at, for the counts. */
  target: string;
  raw: Buffer;
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const chance = (rng: Rng, p: number) => rng() < p;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** Personal data the requests carry (valid check digit, a mobile number): none of it may reach a log. */
export const PERSONAL_DATA = ['11010519491231002X', '13812345678'];

const ODD_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%00',
  '../../etc/passwd',
  'a\nb',
  '\u0000',
  '\ud800',
  '🙂'.repeat(50),
  '残疾证'.repeat(300),
  'x'.repeat(5000),
  ...PERSONAL_DATA,
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  'YC202611200001',
  'YC99999999999999999999',
  'county-hospital:2026-12-01:am',
  'LD202611200001',
];
const ODD_VALUES: unknown[] = [null, true, false, 0, -1, 1e308, 1.5, [], {}, [null], { constructor: { prototype: { polluted: 1 } } }, 'x'];
const TEXTS = ['残疾证怎么办', '我要申请', '预约鉴定', '我的申请到哪一步了', '人工', '取消', '2', '同意', '护理补贴谁能领'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'FOO', 'M-SEARCH'];

const oddString = (rng: Rng) => pick(rng, ODD_STRINGS);
// A copy: a mutation that writes into a shared value would change every later request (or make it circular).
const oddValue = (rng: Rng): unknown => (chance(rng, 0.5) ? oddString(rng) : structuredClone(pick(rng, ODD_VALUES)));

/** Percent-escaped; a lone surrogate becomes the escape of its (invalid) UTF-8 bytes. */
function escaped(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** An id for a path segment: usually fine, often hostile, sometimes badly escaped. */
function pathId(rng: Rng, good: string): string {
  const roll = rng();
  if (roll < 0.3) return good;
  if (roll < 0.8) return escaped(oddString(rng)) || 'x';
  return pick(rng, ['%ZZ', '%', '%E0%A4%A', '%2F..%2F', '%00', '..', '.', '%C0%AF', 'a%20b', '%F0%9F%98']);
}

function nested(rng: Rng, depth: number): string {
  const open = chance(rng, 0.5) ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + '1' + close.repeat(chance(rng, 0.8) ? depth : int(rng, 0, depth));
}

/** Breaks a valid JSON value: types swapped, fields dropped, hostile strings, prototype keys. */
function mutate(rng: Rng, value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(value));
  const keys = Object.keys(copy);
  for (let i = int(rng, 1, 3); i > 0; i--) {
    const key = pick(rng, keys);
    const roll = rng();
    if (roll < 0.25) delete copy[key];
    else if (roll < 0.6) copy[key] = oddValue(rng);
    else if (roll < 0.8 && copy[key] && typeof copy[key] === 'object' && !Array.isArray(copy[key])) {
      const inner = copy[key] as Record<string, unknown>;
      const innerKey = pick(rng, [...Object.keys(inner), 'id', '__proto__', 'constructor']);
      inner[innerKey] = oddValue(rng);
    } else {
      // Defined, not assigned: `__proto__` then becomes a key of the JSON text rather than the copy's prototype.
      Object.defineProperty(copy, pick(rng, ['__proto__', 'constructor', 'prototype', 'value', 'channelData', 'x']), { value: oddValue(rng), enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

/** A body: usually the (mutated) JSON, sometimes broken text, deep, huge or not JSON at all. */
function body(rng: Rng, json: Record<string, unknown>): string | Buffer {
  const roll = rng();
  if (roll < 0.45) return JSON.stringify(mutate(rng, json));
  if (roll < 0.55) return JSON.stringify(json);
  if (roll < 0.63) {
    const text = JSON.stringify(json);
    return text.slice(0, int(rng, 0, text.length - 1));
  }
  if (roll < 0.7) return nested(rng, pick(rng, [60, 65, 100, 1000, 10_000, 50_000]));
  if (roll < 0.72) return JSON.stringify(json).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
  if (roll < 0.74) return Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(JSON.stringify(json))]);
  if (roll < 0.78) return Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x7b, 0x22]);
  if (roll < 0.8) return JSON.stringify({ ...json, text: '长'.repeat(pick(rng, [600, 90_000, 400_000])) });
  if (roll < 0.85) return pick(rng, ['null', '[]', '""', '0', 'true', '{}', '{"a":1}{"b":2}', '\u0000']);
  if (roll < 0.9) return 'type=message&text=hi';
  return '';
}

function credential(rng: Rng, good: string[]): string | undefined {
  const roll = rng();
  if (roll < 0.45) return `Bearer ${pick(rng, good)}`;
  if (roll < 0.6) return undefined;
  return pick(rng, [
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'x'.repeat(5000)}`,
    'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJjb252IjoieCIsImV4cCI6OTk5OTk5OTk5OX0.',
    'Bearer a.b.c',
    `Bearer ${good[0]}x`,
    'bearer   spaced   out',
    'Bearer %ZZ',
  ]);
}

interface Shape {
  method: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  contentType?: string;
}

/** Serialises a request; some header sets are deliberately broken. */
function serialise(rng: Rng, shape: Shape): Buffer {
  const payload = shape.body === undefined ? undefined : Buffer.isBuffer(shape.body) ? shape.body : Buffer.from(shape.body);
  const lines = [`${shape.method} ${shape.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(shape.headers ?? {})) if (value !== undefined) lines.push(`${name}: ${value}`);
  if (payload) {
    lines.push(`Content-Type: ${shape.contentType ?? pick(rng, ['application/json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])}`);
    const roll = rng();
    if (roll < 0.08) {
      lines.push('Transfer-Encoding: chunked');
      const size = chance(rng, 0.8) ? payload.length.toString(16) : pick(rng, ['zz', '-1', 'fffffffffffffff']);
      return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n${size}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
    }
    if (roll < 0.11) lines.push(`Content-Length: ${payload.length + int(rng, 1, 50)}`, 'Expect: 100-continue');
    else if (roll < 0.13) lines.push(`Content-Length: ${payload.length}`, `Content-Length: ${payload.length + 1}`);
    else lines.push(`Content-Length: ${payload.length}`);
  }
  if (chance(rng, 0.05)) lines.push(pick(rng, ['X-Odd: \u0001', 'Cookie: onevisit_agent=%ZZ; ;;=', `X-Big: ${'h'.repeat(9000)}`, 'Accept-Encoding: gzip, deflate, br, *', 'Sec-Fetch-Site: cross-site', 'Origin: https://evil.example', 'Content-Encoding: gzip', 'Content-Encoding: br, x-unknown']));
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload ?? Buffer.alloc(0)]);
}

function activity(rng: Rng, ctx: FuzzContext): Record<string, unknown> {
  return {
    type: pick(rng, ['message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation']),
    text: pick(rng, TEXTS),
    channelId: pick(rng, ['test', 'emulator', 'directline', 'webchat']),
    serviceUrl: pick(rng, [ctx.sinkUrl, ctx.sinkUrl.replace('127.0.0.1', 'localhost'), 'https://example.com', 'https://smba.trafficmanager.net/apis', 'file:///etc/passwd', 'not a url']),
    deliveryMode: pick(rng, ['expectReplies', 'expectReplies', 'normal', undefined]),
    conversation: { id: chance(rng, 0.8) ? `fuzz-${int(rng, 1, 50)}` : ctx.conversationId },
    from: { id: `user-${int(rng, 1, 20)}` },
    recipient: { id: 'bot' },
    ...(chance(rng, 0.2) && { value: chance(rng, 0.5) ? pick(rng, TEXTS) : { choice: pick(rng, TEXTS), data: oddValue(rng) } }),
  };
}

/** A Direct Line upload as the official client builds it, then mangled: parts missing, cut short, oversized, odd names. */
function multipartUpload(rng: Rng): { body: Buffer; contentType: string } {
  const boundary = pick(rng, ['----fuzz', 'x', '', '"quoted"', '-'.repeat(80)]);
  const part = (headers: string, content: Buffer | string) => Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
  const activity = pick(rng, [JSON.stringify({ type: 'message', from: { id: 'dl_1' }, attachments: [{ contentType: 'image/jpeg', name: 'a.jpg' }] }), '{"type":"event"}', '{bad', nested(rng, 100), '']);
  // Now and then one just over the 10 MB default (413), rarely: each is 10 MB on the wire.
  const file = chance(rng, 0.05) ? Buffer.alloc(10 * 1024 * 1024 + 1, 7) : pick(rng, [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), Buffer.from(oddString(rng))]);
  const parts = [
    ...(chance(rng, 0.85) ? [part(`Content-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity`, activity)] : []),
    ...Array.from({ length: pick(rng, [0, 1, 1, 2, 7]) }, () =>
      part(`Content-Disposition: form-data; name="file"; filename="${pick(rng, ['照片.jpg', '../../etc/passwd', '', '\u0000', 'a'.repeat(500)])}"\r\nContent-Type: ${pick(rng, ['image/jpeg', 'application/pdf', 'text/html', ''])}`, file),
    ),
  ];
  let body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  if (chance(rng, 0.2)) body = body.subarray(0, int(rng, 0, body.length));
  return { body, contentType: pick(rng, [`multipart/form-data; boundary=${boundary}`, `multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'multipart/mixed; boundary=x']) };
}

const generators: Record<string, (rng: Rng, ctx: FuzzContext) => Shape> = {
  messages: (rng, ctx) => ({ method: chance(rng, 0.9) ? 'POST' : pick(rng, METHODS), path: '/api/messages', body: body(rng, activity(rng, ctx)), headers: { Authorization: credential(rng, ['x']) } }),

  directLineClient: (rng, ctx) => {
    const id = pathId(rng, ctx.conversationId);
    const [method, path, json] = pick(rng, [
      ['POST', '/v3/directline/tokens/generate', { user: { id: `dl_${int(rng, 1, 9)}`, name: oddString(rng) } }],
      ['POST', '/v3/directline/tokens/refresh', {}],
      ['POST', '/v3/directline/conversations', { user: { id: oddString(rng) }, locale: 'zh-CN' }],
      ['GET', `/v3/directline/conversations/${id}`, undefined],
      ['GET', `/v3/directline/conversations/${id}?watermark=${pick(rng, ['1', '-1', 'x', '99999999999999999999', '%ZZ', ''])}`, undefined],
      ['GET', `/v3/directline/conversations/${id}/activities?watermark=${pick(rng, ['0', '3', 'abc', ''])}`, undefined],
      ['POST', `/v3/directline/conversations/${id}/activities`, { type: pick(rng, ['message', 'typing', 'event', 'invoke']), text: pick(rng, TEXTS), from: { id: 'dl_1' } }],
      ['POST', `/v3/directline/conversations/${id}/upload?userId=${pathId(rng, 'dl_1')}`, { x: 1 }],
      ['PUT', `/v3/directline/conversations/${id}/activities/x`, { type: 'message' }],
    ] as [string, string, Record<string, unknown> | undefined][]);
    return {
      method: chance(rng, 0.9) ? method : pick(rng, METHODS),
      path,
      body: json && body(rng, json),
      headers: { Authorization: credential(rng, [ctx.directLineSecret, ctx.conversationToken]) },
    };
  },

  upload: (rng, ctx) => {
    const { body: payload, contentType } = multipartUpload(rng);
    return {
      method: chance(rng, 0.95) ? 'POST' : pick(rng, METHODS),
      path: `/v3/directline/conversations/${pathId(rng, ctx.conversationId)}/upload?userId=${pathId(rng, 'dl_1')}`,
      body: payload,
      contentType,
      headers: { Authorization: credential(rng, [ctx.conversationToken, ctx.directLineSecret]) },
    };
  },

  directLineConnector: (rng, ctx) => ({
    method: 'POST',
    path: `/v3/directline/v3/conversations/${pathId(rng, ctx.conversationId)}/activities${chance(rng, 0.3) ? `/${pathId(rng, 'x')}` : ''}`,
    body: body(rng, { type: 'message', text: '请缴纳手续费', from: { id: 'bot', role: 'bot' }, channelData: { dedupeKey: 'k' } }),
    headers: { Authorization: credential(rng, [ctx.directLineSecret, ctx.conversationToken, 'guess']) },
  }),

  upgrade: (rng, ctx) => ({
    method: 'GET',
    path: pick(rng, [
      `/v3/directline/conversations/${pathId(rng, ctx.conversationId)}/stream?t=${pick(rng, [ctx.conversationToken, 'x', '%ZZ', '', 'a.b.c'])}`,
      `/v3/directline/conversations/${pathId(rng, ctx.conversationId)}/stream?t=${ctx.conversationToken}&watermark=${pick(rng, ['x', '-1', '1e3', '99999999999999999'])}`,
      '/%ZZ',
      '/v3/directline/conversations//stream',
      '/api/messages',
    ]),
    headers: {
      Upgrade: pick(rng, ['websocket', 'WebSocket', 'h2c', 'websocket, foo']),
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': pick(rng, ['dGhlIHNhbXBsZSBub25jZQ==', '', 'bad']),
      'Sec-WebSocket-Version': pick(rng, ['13', '8', 'x']),
    },
  }),

  admin: (rng, ctx) => {
    const id = pathId(rng, 'YC202611200001');
    const [method, path, json] = pick(rng, [
      ['GET', `/api/admin/cases?status=${pathId(rng, 'submitted')}&limit=${pick(rng, ['1', '0', '-5', '501', 'x', '1e2'])}&from=${pick(rng, ['2026-11-01', 'x', '2026-02-30', '%ZZ'])}`, undefined],
      ['GET', `/api/admin/cases/${id}`, undefined],
      ['POST', `/api/admin/cases/${id}/actions`, { action: pick(rng, ['start_review', 'return', 'nonsense', '__proto__']), by: 'staff:fuzz', note: oddString(rng) }],
      ['POST', '/api/admin/cases', {
        requestId: pick(rng, ['window-fuzz-0001', 'x', '__proto__']), registeredBy: oddString(rng), items: pick(rng, [['cert-new'], [], ['nonsense'], 'cert-new']),
        applicant: { name: oddString(rng), idNumber: pick(rng, ['11010519491231002X', '110105194912310021', oddString(rng)]), phone: pick(rng, ['13912345678', '0791-86123456', oddString(rng)]) },
        delivery: pick(rng, ['pickup', 'mail', 'drone']),
      }],
      ['GET', `/api/admin/slots?hospital=${pathId(rng, 'people')}&free=${pick(rng, ['true', 'x'])}&from=${pick(rng, ['2026-12-01', 'x'])}`, undefined],
      ['PATCH', `/api/admin/slots/${pathId(rng, 'people:2026-12-01:am')}`, { capacity: pick(rng, [1, -1, 1e9, '3', null]), closed: pick(rng, [true, 'yes']) }],
      ['GET', `/api/admin/outbox?status=${pathId(rng, 'pending')}&caseNo=${pathId(rng, 'YC202611200001')}`, undefined],
      ['GET', '/api/admin/overdue', undefined],
      ['GET', `/api/admin/unanswered?limit=${pick(rng, ['5', '0', 'x'])}`, undefined],
      ['GET', `/api/admin/feedback?limit=${pick(rng, ['5', '0', 'x'])}`, undefined],
    ] as [string, string, Record<string, unknown> | undefined][]);
    return { method: chance(rng, 0.92) ? method : pick(rng, METHODS), path, body: json && body(rng, json), headers: { Authorization: credential(rng, [ctx.adminToken]) } };
  },

  agent: (rng, ctx) => {
    const [method, path, json] = pick(rng, [
      ['GET', `/api/agent/suggest?q=${pathId(rng, encodeURIComponent('残疾证怎么办'))}&top=${pick(rng, ['3', '0', '11', 'x', ''])}`, undefined],
      ['POST', '/api/agent/login', { name: pick(rng, ['fuzz1', oddString(rng)]), password: oddString(rng) }],
      ['POST', '/api/agent/logout', undefined],
      ['GET', '/api/agent/session', undefined],
      ['POST', '/api/agent/feedback', { entryId: pick(rng, ['cert-new-how', '__proto__', 'X']), question: oddString(rng) || 'q', helpful: pick(rng, [true, 'yes']) }],
      ['GET', `/api/agent/cases/${pathId(rng, 'YC202611200001')}`, undefined],
      ['POST', `/api/agent/cases/${pathId(rng, 'YC202611200001')}/reveal`, { reason: '本人来电核对', agent: 'a1' }],
      ['POST', '/api/agent/calls', { callerPhone: pick(rng, [PERSONAL_DATA[1], 'x', '']), category: 'policy', question: 'q', answer: 'a', followUpNeeded: pick(rng, [true, 1]) }],
      ['GET', `/api/agent/calls?followUp=${pick(rng, ['pending', 'x'])}&limit=${pick(rng, ['5', '0'])}`, undefined],
      ['GET', `/api/agent/calls/${pathId(rng, 'LD202611200001')}`, undefined],
      ['POST', `/api/agent/calls/${pathId(rng, 'LD202611200001')}/done`, { agent: 'a1' }],
      ['POST', '/api/webchat/token', undefined],
    ] as [string, string, Record<string, unknown> | undefined][]);
    return { method: chance(rng, 0.92) ? method : pick(rng, METHODS), path, body: json && body(rng, json), headers: { Authorization: credential(rng, [ctx.agentToken]) } };
  },

  odd: (rng) => ({
    method: pick(rng, METHODS),
    path: pick(rng, [
      '/',
      '/agent',
      '/healthz',
      '/%ZZ',
      '/%',
      '//api//messages',
      '/api/messages/../admin/cases',
      '/assets/webchat.js?v=%ZZ',
      '/assets/../../package.json',
      `/${'a'.repeat(int(rng, 1000, 9000))}`,
      'http://evil.example/api/messages',
      '*',
      '/api/agent/suggest?q=%E0%A4%A&top=1',
      '/v3/directline/%2e%2e/%2e%2e/',
      '/\u00e9',
    ]),
    body: chance(rng, 0.3) ? oddString(rng) : undefined,
  }),
};

const WEIGHTS: [string, number][] = [
  ['messages', 28],
  ['directLineClient', 22],
  ['directLineConnector', 8],
  ['upload', 6],
  ['upgrade', 8],
  ['admin', 14],
  ['agent', 14],
  ['odd', 6],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

/** `count` requests from `seed`, always the same ones for the same seed and context. */
export function* generateRequests(seed: number, count: number, ctx: FuzzContext): Generator<FuzzRequest> {
  const rng = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    let roll = rng() * TOTAL_WEIGHT;
    const target = WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'odd';
    yield { target, raw: serialise(rng, generators[target](rng, ctx)) };
  }
}
