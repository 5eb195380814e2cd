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

describe('dialog-state configuration reuse', () => {
  it('hands the first turn\'s configuration to every later turn before the bot runs', async () => {
    const { reuseDialogStateConfiguration } = await import('../../bot/middleware.js');
    const seen: unknown[] = [];
    const built = { memoryScopes: [], pathResolvers: [] };
    const adapter = new TestAdapter(async (context) => {
      seen.push(context.turnState.get('DialogStateManagerConfiguration'));
      // What botbuilder-dialogs does when it finds none: build one and cache it for the turn.
      if (!context.turnState.get('DialogStateManagerConfiguration')) context.turnState.set('DialogStateManagerConfiguration', built);
      await context.sendActivity('好');
    });
    adapter.use(reuseDialogStateConfiguration());
    await adapter.send('一').assertReply('好').send('二').assertReply('好').startTest();
    expect(seen).to.deep.equal([undefined, built]);
    expect(seen[1]).to.equal(built);
  });
});
