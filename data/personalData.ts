// Masking rules for personal data in logs, lists and replies to people not yet verified.

const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;

/** Masks ID numbers and phone numbers wherever they appear in free text. */
export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head.slice(0, 3)}***********${tail.slice(-4)}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LANDLINE, (_m, head: string, tail: string) => `${head}****${tail}`);
}

/** 王建国 -> 王*国, 李四 -> 李*, one character stays visible at each end of longer names. */
/** An ID number as its owner sees it in a summary: region (6) and last 4 shown, birth date hidden. */
export const maskIdNumber = (id: string) => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id);

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
