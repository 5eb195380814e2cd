import { expect } from 'chai';
import { MemoryFloodCounts } from '../../data/memory/memoryFloodCounts.js';

describe('the in-process flood counts', () => {
  it('sweep out ended windows once many keys are counted, so a flood of new keys does not grow them without bound', async () => {
    const counts = new MemoryFloodCounts();
    const t0 = new Date('2026-11-20T02:00:00Z');
    for (let i = 0; i < 9_999; i++) await counts.hit(`spoofed-${i}`, t0, 10_000);
    // The 10,000th key, in a later window: the 9,999 ended ones go.
    await counts.hit('late', new Date(t0.getTime() + 60_000), 10_000);
    expect(await counts.forgetBefore(new Date(t0.getTime() + 3_600_000))).to.equal(1);
  });
});
