import { expect } from 'chai';
import { TestAdapter } from 'botbuilder';
import { createLogger } from '../../bot/logger.js';
import { turnLog } from '../../bot/middleware.js';
import { setTurnOutcome } from '../../dialogs/turnOutcome.js';
import { FakeClock } from '../support.js';

describe('turn log', () => {
  it('writes one JSON line per turn with the outcome, never the typed text', async () => {
    const lines: string[] = [];
    const adapter = new TestAdapter(async (context) => {
      setTurnOutcome(context, { outcome: 'answer', entryId: 'cert-new-how', score: 0.9 });
      await context.sendActivity('好的');
    });
    adapter.use(turnLog(createLogger((l) => lines.push(l)), new FakeClock()));
    await adapter.send('我叫王建国，身份证110101199003074514，怎么办残疾证').assertReply('好的').startTest();
    expect(lines).to.have.length(1);
    const line = JSON.parse(lines[0]);
    expect(line).to.include({ event: 'turn', outcome: 'answer', entryId: 'cert-new-how', replies: 1 });
    expect(lines[0]).to.not.include('王建国').and.not.include('110101199003074514');
  });
});
