import { expect } from 'chai';
import { WECHAT_TEXT_MAX_BYTES, splitText, wechatTexts } from '../../../bot/channels/wechat/render.js';
import { messageWithButtons } from '../../../dialogs/replies.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('WeChat rendering of the bot\'s messages', () => {
  it('shows buttons as numbered lines, keeping a number a title already has', () => {
    const texts = wechatTexts([
      messageWithButtons('您同意吗？', ['同意', '不同意']),
      { type: 'typing' },
      { type: 'message', text: '给个评价吧', suggestedActions: { to: [], actions: [{ type: 'imBack', title: '5分 非常满意', value: '5' }, { type: 'imBack', title: '不评价', value: '不评价' }] } },
    ]);
    expect(texts).to.deep.equal(['您同意吗？\n1. 同意\n2. 不同意', '给个评价吧\n5分 非常满意\n2. 不评价']);
  });

  it('cuts a long answer at the 2048-byte limit after a line, else after a sentence, losing nothing', () => {
    const line = '残疾人证申请要带身份证、户口本和两寸照片，到窗口或网上都可以办理。'; // 3 bytes a character
    const long = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${line}`).join('\n');
    const pieces = wechatTexts([{ type: 'message', text: long }]);
    expect(pieces.length).to.be.greaterThan(1);
    for (const p of pieces) {
      expect(bytes(p)).to.be.at.most(WECHAT_TEXT_MAX_BYTES);
      expect(p.endsWith('。'), p.slice(-10)).to.equal(true);
    }
    expect(pieces.join('\n')).to.equal(long);
    // One paragraph without line breaks: cut after a sentence.
    const paragraph = line.repeat(60);
    const sentences = splitText(paragraph);
    expect(sentences.every((p) => p.endsWith('。') && bytes(p) <= WECHAT_TEXT_MAX_BYTES)).to.equal(true);
    expect(sentences.join('')).to.equal(paragraph);
  });

  it('cuts a text with no boundary at the last whole character that fits', () => {
    const endless = '残'.repeat(1000) + 'a'.repeat(10);
    const pieces = splitText(endless);
    expect(pieces.map(bytes)).to.deep.equal([2046, 954 + 10]);
    expect(pieces.join('')).to.equal(endless);
    expect(splitText('短')).to.deep.equal(['短']);
  });
});
