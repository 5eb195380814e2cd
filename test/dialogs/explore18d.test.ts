import { dialogHarness } from './harness.js';

const convs: Record<string, string[]> = JSON.parse(process.env.CONVS ?? '{}');
describe('explore', () => {
  for (const [name, inputs] of Object.entries(convs)) {
    it(name, async () => {
      const h = await dialogHarness();
      for (const input of inputs) {
        if (input.startsWith('@RETURN')) continue;
        const replies = await h.send(input);
        console.log(`> ${input}`);
        for (const r of replies) console.log(`  < ${(r.text ?? '').replace(/\n/g, '\n    ')}${r.suggestedActions ? '  [' + r.suggestedActions.actions.map((a) => a.value).join('|') + ']' : ''}`);
      }
    });
  }
});
