/** An error the platform's API answered (`errcode` other than 0), or -1 for an answer that is not its JSON. */
export class WechatApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`微信接口错误 ${code}: ${message}`);
  }
}

/** `path` under the configured API base, whatever path the base itself has. */
export function apiUrl(apiBase: string, path: string): URL {
  return new URL(path, apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
}

/** The JSON of an API answer; WechatApiError for an HTTP failure, a non-JSON body or a non-zero errcode. */
export async function readApiAnswer(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) {
    await res.body?.cancel();
    throw new WechatApiError(-1, `HTTP ${res.status}`);
  }
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    throw new WechatApiError(-1, '应答不是 JSON');
  }
  if (!answer || typeof answer !== 'object') throw new WechatApiError(-1, '应答不是 JSON 对象');
  const record = answer as Record<string, unknown>;
  const code = Number(record.errcode ?? 0);
  if (code !== 0) throw new WechatApiError(code, String(record.errmsg ?? ''));
  return record;
}
