import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The official account platform's message signing and "safe mode" encryption, as published
 * (消息加解密说明): signatures are SHA-1 of the sorted strings; bodies are AES-256-CBC with the
 * key from the EncodingAESKey, the IV its first 16 bytes, PKCS#7 padding to 32-byte blocks, over
 * random(16) + length(4, big-endian) + message + AppID.
 */

/** sha1 of the parts sorted as strings and joined: the token, timestamp, nonce (and the encrypted body for msg_signature). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a presented signature with the expected one. */
export function signatureMatches(presented: string | undefined, expected: string): boolean {
  if (!presented || presented.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}

const BLOCK = 32;

/** The 32-byte AES key from the 43-character EncodingAESKey; throws on anything else. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new Error('WECHAT_AES_KEY 应是公众号后台的 43 位 EncodingAESKey（字母和数字）');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** The base64 ciphertext of `message` for `appId`. `random` is for tests (16 bytes). */
export function encryptMessage(key: Buffer, appId: string, message: string, random: Buffer = randomBytes(16)): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export class DecryptError extends Error {}

/** The message and the AppID it was encrypted for; DecryptError for anything that is not a well-formed ciphertext. */
export function decryptMessage(key: Buffer, encrypted: string): { message: string; appId: string } {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new DecryptError('密文长度不对');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new DecryptError('无法解密');
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new DecryptError('填充不对');
  const unpadded = plain.subarray(0, plain.length - pad);
  if (unpadded.length < 20) throw new DecryptError('明文太短');
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new DecryptError('长度字段不对');
  return { message: unpadded.subarray(20, 20 + length).toString('utf8'), appId: unpadded.subarray(20 + length).toString('utf8') };
}
