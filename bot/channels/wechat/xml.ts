import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export class XmlError extends Error {}

// Tag values stay strings: a MsgId is a 64-bit number that a JavaScript number would round.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true, trimValues: true });
const builder = new XMLBuilder({ cdataPropName: '__cdata' });

/**
 * The fields of a push's `<xml>` root, each a string (the platform's messages are flat). A
 * document type (entity expansion), anything not well-formed or without an `<xml>` root is an
 * XmlError, never a crash.
 */
export function parseXmlFields(raw: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) throw new XmlError('不接受带 DOCTYPE 的 XML');
  if (XMLValidator.validate(raw) !== true) throw new XmlError('XML 格式不对');
  let root: unknown;
  try {
    root = (parser.parse(raw) as Record<string, unknown>).xml;
  } catch {
    throw new XmlError('XML 格式不对');
  }
  if (!root || typeof root !== 'object') throw new XmlError('缺少 <xml> 根元素');
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(root)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** An `<xml>` document of these fields: strings as CDATA, numbers as they are (the platform's own shape). */
export function buildXml(fields: Record<string, string | number>): string {
  const xml: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) xml[name] = typeof value === 'number' ? value : { __cdata: value };
  return builder.build({ xml }) as string;
}
