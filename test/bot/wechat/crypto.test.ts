import { expect } from 'chai';
import { createDecipheriv, createHash } from 'node:crypto';
import { DecryptError, aesKeyOf, decryptMessage, encryptMessage, signatureMatches, wechatSignature } from '../../../bot/channels/wechat/crypto.js';
import { XmlError, buildXml, parseXmlFields } from '../../../bot/channels/wechat/xml.js';

const KEY = aesKeyOf('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
const APP = 'wx0123456789abcdef';

describe('WeChat signing and safe mode (the platform\'s published algorithm)', () => {
  it('signs with sha1 of the parts sorted as strings', () => {
    const expected = createHash('sha1').update('13726231491409659813wx-token').digest('hex');
    expect(wechatSignature('wx-token', '1409659813', '1372623149')).to.equal(expected);
    expect(wechatSignature('1372623149', 'wx-token', '1409659813')).to.equal(expected);
    expect(signatureMatches(expected, expected)).to.equal(true);
    expect(signatureMatches(expected.replace(/.$/, '0'), expected)).to.equal(expected.endsWith('0'));
    expect(signatureMatches(undefined, expected)).to.equal(false);
    expect(signatureMatches('short', expected)).to.equal(false);
  });

  it('takes only a 43-character EncodingAESKey, as 32 key bytes', () => {
    expect(KEY).to.have.length(32);
    for (const bad of ['', 'abc', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDE!G']) expect(() => aesKeyOf(bad), bad).to.throw(/EncodingAESKey/);
  });

  it('encrypts random(16) + length(4, big-endian) + message + AppID, PKCS#7-padded to 32 bytes, IV the key\'s first 16 bytes', () => {
    const random = Buffer.alloc(16, 7);
    const message = '<xml><Content><![CDATA[你好]]></Content></xml>';
    const data = Buffer.from(encryptMessage(KEY, APP, message, random), 'base64');
    expect(data.length % 32).to.equal(0);
    const decipher = createDecipheriv('aes-256-cbc', KEY, KEY.subarray(0, 16));
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = plain[plain.length - 1];
    expect(pad).to.be.within(1, 32);
    expect([...plain.subarray(plain.length - pad)].every((b) => b === pad)).to.equal(true);
    expect(plain.subarray(0, 16).equals(random)).to.equal(true);
    const length = plain.readUInt32BE(16);
    expect(length).to.equal(Buffer.byteLength(message));
    expect(plain.subarray(20, 20 + length).toString()).to.equal(message);
    expect(plain.subarray(20 + length, plain.length - pad).toString()).to.equal(APP);
    // A message whose padded length is a whole number of blocks gets a whole block of padding.
    const exact = 'x'.repeat(64 - 20 - APP.length);
    const whole = Buffer.from(encryptMessage(KEY, APP, exact, random), 'base64');
    expect(whole.length).to.equal(96);
  });

  it('decrypts what it encrypts, and refuses what is not a ciphertext of this key', () => {
    const sealed = encryptMessage(KEY, APP, '轮椅 wheelchair ✓');
    expect(decryptMessage(KEY, sealed)).to.deep.equal({ message: '轮椅 wheelchair ✓', appId: APP });
    const otherKey = aesKeyOf('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut');
    for (const bad of ['', 'not base64!!', Buffer.alloc(31).toString('base64'), encryptMessage(otherKey, APP, 'x')]) {
      let error: unknown;
      try {
        const opened = decryptMessage(KEY, bad);
        // A wrong key may yield well-formed padding by chance, never the message and AppID.
        expect(opened.appId).to.not.equal(APP);
        continue;
      } catch (err) {
        error = err;
      }
      expect(error, bad).to.be.instanceOf(DecryptError);
    }
  });
});

describe('WeChat XML', () => {
  it('reads a push\'s fields as strings (a 64-bit MsgId intact), CDATA or not', () => {
    const fields = parseXmlFields('<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1795140000</CreateTime><MsgId>6123456789012345678</MsgId><Content><![CDATA[a<b>&c]]></Content></xml>');
    expect(fields).to.deep.equal({ ToUserName: 'gh_1', CreateTime: '1795140000', MsgId: '6123456789012345678', Content: 'a<b>&c' });
  });

  it('refuses malformed XML, a document type, or no <xml> root, with XmlError', () => {
    for (const bad of ['', 'hello', '<xml><a></xml>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>', '<root><a>1</a></root>', '<xml>text</xml>']) {
      expect(() => parseXmlFields(bad), bad).to.throw(XmlError);
    }
  });

  it('builds strings as CDATA (even one holding "]]>") and numbers as they are', () => {
    const xml = buildXml({ Content: '1 ]]> 2 <b>', CreateTime: 12 });
    expect(xml).to.include('<CreateTime>12</CreateTime>');
    expect(parseXmlFields(xml)).to.deep.equal({ Content: '1 ]]> 2 <b>', CreateTime: '12' });
  });
});
