import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppendLog, type LogPosition } from '../../data/lowdb/appendLog.js';
import { tempDir } from '../support.js';

type Rec = { n: number; text: string };

async function openLog(dir: string, segmentBytes = 1024) {
  const seen: { record: Rec; position: LogPosition }[] = [];
  const log = await AppendLog.open<Rec>(dir, { segmentBytes, fsync: true }, (record, position) => seen.push({ record, position }));
  return { log, seen };
}

describe('AppendLog', () => {
  it('appends records in order, concurrent appends included, and reads each back by its position', async () => {
    const dir = join(tempDir(), 'log');
    const { log } = await openLog(dir, 1 << 20);
    const written = await Promise.all(Array.from({ length: 50 }, (_, n) => log.append([{ n, text: `第${n}条\n换行` }])));
    const positions = written.flat();
    expect(positions.map((p) => p.offset)).to.deep.equal([...positions.map((p) => p.offset)].sort((a, b) => a - b));
    expect((await log.read(positions)).map((r) => r.n)).to.deep.equal(Array.from({ length: 50 }, (_, n) => n));
    // One line per record, newlines inside strings escaped.
    expect(readFileSync(join(dir, '000001.jsonl'), 'utf8').split('\n')).to.have.length(51);
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
    expect(statSync(join(dir, '000001.jsonl')).mode & 0o777).to.equal(0o600);
  });

  it('starts a new segment past the size limit and reads across segments, before and after reopening', async () => {
    const dir = tempDir();
    const { log } = await openLog(dir, 300);
    const positions: LogPosition[] = [];
    for (let n = 0; n < 20; n++) positions.push(...(await log.append([{ n, text: '办'.repeat(20) }])));
    const segments = readdirSync(dir).sort();
    expect(segments.length).to.be.above(3);
    for (const name of segments) expect(statSync(join(dir, name)).size, name).to.be.at.most(300);
    const backwards = [...positions].reverse();
    expect((await log.read(backwards)).map((r) => r.n)).to.deep.equal(backwards.map((_, i) => 19 - i));
    const { log: reopened, seen } = await openLog(dir, 300);
    expect(seen.map((s) => s.record.n)).to.deep.equal(Array.from({ length: 20 }, (_, n) => n));
    expect(seen.map((s) => s.position)).to.deep.equal(positions);
    const [next] = await reopened.append([{ n: 20, text: 'x' }]);
    expect(next.segment).to.equal(positions.at(-1)!.segment);
    expect((await reopened.read([next, positions[0]])).map((r) => r.n)).to.deep.equal([20, 0]);
  });

  it('writes the lines at once: a line that needs no fsync is acknowledged without waiting for one', async () => {
    const dir = tempDir();
    const { log } = await openLog(dir, 1 << 20);
    const durable = log.append([{ n: 1, text: 'a' }]);
    const quick = log.append([{ n: 2, text: 'b' }], { fsync: false });
    // In the file before either is awaited, in the order appended.
    expect(readFileSync(join(dir, '000001.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as Rec).n)).to.deep.equal([1, 2]);
    expect(await Promise.race([quick.then(() => 'quick'), durable.then(() => 'durable')])).to.equal('quick');
    const [position] = await durable;
    expect((await log.read([position]))[0].n).to.equal(1);
  });
});
