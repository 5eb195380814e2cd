import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
const USER = 'test:user1';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get(USER))?.draft.values ?? {};
const toSummaryAt = (address: string): Step[] => [...selfNewCertificateToAddress, [address, app.summary.intro]];

describe('fix19a: the form and after submission (trial 17)', () => {
  describe('F2: an address corrected at the summary keeps no words about the mistake, and is read back', () => {
    const corrections: [string, string, string][] = [
      ['城关镇东关村三组', '地址说错了 是东关村四组28号 不是三组', '城关镇东关村四组28号'],
      ['城关镇北关村二组', '不对 地址是北关村五组 刚才说错了', '城关镇北关村五组'],
      ['城关镇北关村二组', '地址写错了 应该是北关村三组15号 不是二组', '城关镇北关村三组15号'],
      ['城关镇东街12号', '住址我打错了，是东街21号', '城关镇东街21号'],
      ['城关镇幸福路8号', '地址不对，应该是幸福路18号，我刚刚写错了', '城关镇幸福路18号'],
    ];
    for (const [before, said, address] of corrections) {
      it(`${before}: "${said}" → ${address}`, async () => {
        const h = await run(toSummaryAt(before));
        const replies = (await h.send(said)).map((r) => r.text).join('\n');
        expect(replies).to.include(app.summary.changedTo(app.labels.address, address)).and.include(`${app.labels.address}：${address}\n`);
        expect(await values(h)).to.include({ address });
      });
    }
  });
});
