import { z } from 'zod';
import { typedCaseNo } from '../data/caseQuery.js';
import { HttpError } from './http.js';

/** Longer than any channel's ids (Teams thread ids run to ~150 characters). */
export const MAX_ID_CHARS = 256;

// Names every plain object already answers to: as a key into an object used as a map they
// reach its prototype (`__proto__`) or a method instead of a record.
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Why a client-given id or key cannot be used, or undefined when it can. */
export function idProblem(value: string): string | undefined {
  if (!value) return '不能为空';
  if (value.length > MAX_ID_CHARS) return `不能超过 ${MAX_ID_CHARS} 个字符`;
  if (RESERVED.has(value)) return `不能是保留名称 ${value}`;
  // Control characters (line breaks included) would forge log lines and file keys.
  if (/[\u0000-\u001f\u007f]/.test(value)) return '不能含控制字符';
  return undefined;
}

/** A zod string that is a usable id. */
export const idSchema = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The id, or HttpError 400 naming what it is. */
export function checkId(value: unknown, what: string): string {
  const id = typeof value === 'string' ? value : '';
  const problem = idProblem(id);
  if (problem) throw new HttpError(400, `${what}${problem}`);
  return id;
}

/** A case number from a path, read as the chat reads one (with or without YC), or 400 when it is not shaped like one. */
export function checkCaseNo(raw: unknown): string {
  const caseNo = typedCaseNo(String(raw ?? ''));
  if (!caseNo) throw new HttpError(400, '办件编号格式不对，应形如 YC202611210001（也可以只填后面12位数字）');
  return caseNo;
}
