import { expect } from 'chai';
import { createApp, type App } from '../../bot/app.js';
import { silentLogger } from '../../bot/logger.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { dataUrlAttachment, uploadFixture } from '../fixtures/uploadFiles.js';
import { FakeClock, testActivity, testConfig } from '../support.js';

/** A file on /api/messages reaches the materials step through the bot, its bytes put on the turn by the app's downloads middleware. */
describe('a file sent on /api/messages', () => {
  let app: App;
  let base: string;
  beforeEach(async () => {
    app = await createApp({ config: testConfig(), logger: silentLogger, clock: new FakeClock() });
    base = await app.listen();
  });
  afterEach(() => app.close());

  const post = async (activity: object) => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { activities: { text: string }[] }).activities.map((a) => a.text);
  };

  it('is taken as the one material the applicant\'s online case still needs, with no words', async () => {
    const record = await app.stores.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user-1' }, materials: { verified: [], toSubmit: ['studentProof'] } }), new Date());
    const replies = await post(testActivity('', { text: undefined, attachments: [dataUrlAttachment(uploadFixture('student-proof.pdf'), 'application/pdf', 'proof.pdf')] }));
    expect(replies.join('\n')).to.include(text.upload.received(text.application.materials.names.studentProof)).and.include(text.upload.allReceived);
    expect((await app.stores.cases.get(record.caseNo))?.materials.files?.studentProof).to.have.length(1);
  });

  it('from someone with no online case gets a plain answer, nothing stored', async () => {
    const replies = await post(testActivity('', { text: undefined, from: { id: 'stranger' }, attachments: [dataUrlAttachment(uploadFixture('portrait-450x630.jpg'), 'image/jpeg')] }));
    expect(replies.at(-1)).to.equal(text.upload.noCase);
  });
});
