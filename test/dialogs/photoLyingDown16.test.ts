import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { applyOnline, dialogHarness } from './harness.js';

// Trial 16: a daughter whose mother cannot get up was told to stand her in front of a white wall.
describe('trial 16: someone who cannot stand up, at the photo step, is told how to take it lying down', () => {
  for (const said of ['我妈躺床上起不来 站不了白墙前面 这照片咋拍', '俺爹卧床好几年了 照片咋弄', '他站不了 怎么拍照']) {
    it(`"${said}": taken lying down on a white sheet, or later; the photo asked again`, async () => {
      const h = await dialogHarness();
      await applyOnline(h);
      const replies = (await h.send(said)).map((r) => r.text ?? '');
      expect(replies[0]).to.equal(text.upload.lyingDownPhoto).and.include('白床单').and.include(text.upload.later);
      expect(replies.join('\n')).to.not.include('站在前面');
    });
  }

  it('a question about a bedridden person that is not about the photo is answered as a question ("卧床的能上门评定吗")', async () => {
    const h = await dialogHarness();
    await applyOnline(h);
    const replies = (await h.send('卧床的能上门评定吗')).map((r) => r.text ?? '');
    expect(replies[0]).to.not.equal(text.upload.lyingDownPhoto);
  });
});
