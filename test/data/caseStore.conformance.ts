import { expect } from 'chai';
import { ERASED, type CaseRecord, type CaseStore } from '../../data/cases.js';
import { stageSince } from '../../data/workflow.js';
import { SAMPLE_ID_NUMBER, newCase, testIdNumber } from '../fixtures/cases.js';

const seqOf = (caseNo: string) => Number(caseNo.slice(10));
const nos = (cases: { caseNo: string }[]) => cases.map((c) => c.caseNo);
const decided = [{ id: 'education-grant' as const, department: '教育' as const, status: 'approved' as const }];

/**
 * The CaseStore contract, written against the interface only: every backend (lowdb today, a
 * database server later) runs these same tests. `open` returns a store over `dir`; opening
 * the same dir again shows what was made durable.
 */
export function caseStoreConformance(name: string, open: (dir: string) => Promise<CaseStore>, newDir: () => string) {
  describe(`CaseStore conformance: ${name}`, () => {
    it('numbers a case YC + Beijing date + daily sequence and stamps times, status and audit', async () => {
      const store = await open(newDir());
      // 01:00 on 21 November in Beijing, still the 20th in UTC.
      const at = new Date('2026-11-20T17:00:00Z');
      const input = newCase();
      const created = await store.create(input, at);
      expect(created.caseNo).to.match(/^YC\d{12}$/);
      expect(created.caseNo).to.match(/^YC20261121\d{4}$/);
      expect(created).to.include({ createdAt: at.toISOString(), updatedAt: at.toISOString(), status: 'submitted' });
      expect(created).not.to.have.property('by');
      expect(created.audit).to.deep.equal([{ at: at.toISOString(), by: input.by, action: 'submit', to: 'submitted' }]);
      const { by: _by, ...fields } = input;
      expect(created).to.deep.include(fields);
      const second = await store.create(newCase(), at);
      expect(second.caseNo).to.match(/^YC20261121\d{4}$/);
      expect(second.caseNo).not.to.equal(created.caseNo);
      expect(await store.count()).to.equal(2);
    });

    it('derives the status from the items: closed once every item is decided', async () => {
      const store = await open(newDir());
      const closed = await store.create(newCase({ items: decided }), new Date('2026-11-20T02:00:00Z'));
      expect(closed.status).to.equal('closed');
      expect(closed.audit[0]).to.include({ action: 'submit', to: 'closed' });
    });

    it('gives 100 concurrent creates 100 distinct numbers, all listed (100 by default)', async () => {
      const store = await open(newDir());
      const at = new Date('2026-11-20T02:00:00Z');
      const created = await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), at)),
      );
      const numbers = new Set(nos(created));
      expect(numbers.size).to.equal(100);
      for (const no of numbers) expect(no).to.match(/^YC20261120\d{4}$/);
      expect(await store.count()).to.equal(100);
      const listed = await store.list({ limit: 500 });
      expect(new Set(nos(listed))).to.deep.equal(numbers);
      await store.create(newCase(), new Date('2026-11-20T03:00:00Z'));
      expect(await store.list({})).to.have.length(100);
      expect(await store.list({ limit: 500 })).to.have.length(101);
    });

    it('lists every case of a person, closed too, and erases one case\'s personal data durably', async () => {
      const dir = newDir();
      const store = await open(dir);
      const at = new Date('2026-11-20T02:00:00Z');
      const open1 = await store.create(newCase({ submittedBy: { role: 'self', userKey: 'test:u1' } }), at);
      const closed = await store.create(newCase({ items: decided, submittedBy: { role: 'self', userKey: 'test:u1' } }), new Date('2026-11-20T03:00:00Z'));
      const other = await store.create(newCase({ applicant: { idNumber: testIdNumber(7) } }), at);
      expect(nos(await store.casesOf(SAMPLE_ID_NUMBER.toLowerCase()))).to.deep.equal([closed.caseNo, open1.caseNo]);
      const erased = await store.erasePersonalData(closed.caseNo, { by: 'admin:li', action: 'erase', note: '本人申请删除' }, new Date('2026-11-21T02:00:00Z'));
      expect(erased?.applicant).to.deep.equal({ name: ERASED, idNumber: '', birthDate: '', phone: '', hukou: '' });
      expect(erased?.submittedBy.userKey).to.equal(ERASED);
      expect(erased).not.to.have.property('conversation');
      expect(erased?.audit.at(-1)).to.include({ by: 'admin:li', action: 'erase', note: '本人申请删除' });
      expect(JSON.stringify(erased)).not.to.include(SAMPLE_ID_NUMBER).and.not.include(closed.applicant.name).and.not.include(closed.applicant.phone);
      for (const reopened of [store, await open(dir)]) {
        expect(nos(await reopened.casesOf(SAMPLE_ID_NUMBER))).to.deep.equal([open1.caseNo]);
        expect(nos(await reopened.openCasesOfUser('test:u1'))).to.deep.equal([open1.caseNo]);
        expect((await reopened.get(closed.caseNo))?.applicant.name).to.equal(ERASED);
        expect(nos(await reopened.casesOf(testIdNumber(7)))).to.deep.equal([other.caseNo]);
        expect(await reopened.count()).to.equal(3);
      }
      expect(await store.erasePersonalData('YC209901010001', { by: 'admin:li', action: 'erase' }, at)).to.equal(undefined);
    });

    it('keeps a mailing address apart from the applicant\'s durably, and erases it with the personal data', async () => {
      const dir = newDir();
      const store = await open(dir);
      const at = new Date('2026-11-20T02:00:00Z');
      const created = await store.create(newCase({ applicant: { address: '示范县城关镇幸福路12号' }, delivery: 'pickup' }), at);
      await store.update(created.caseNo, (c) => void ((c.delivery = 'mail'), (c.mailTo = '河东乡李村3组12号')), { by: 'chat:test:u1', action: 'delivery-mail' }, at);
      for (const reopened of [store, await open(dir)]) {
        const got = await reopened.get(created.caseNo);
        expect(got).to.include({ delivery: 'mail', mailTo: '河东乡李村3组12号' });
        expect(got?.applicant.address).to.equal('示范县城关镇幸福路12号');
      }
      const erased = await store.erasePersonalData(created.caseNo, { by: 'admin:li', action: 'erase' }, at);
      expect(erased).not.to.have.property('mailTo');
      expect(await (await open(dir)).get(created.caseNo)).not.to.have.property('mailTo');
    });

    it('returns what was stored, as copies that are not live', async () => {
      const store = await open(newDir());
      const input = newCase();
      const created = await store.create(input, new Date('2026-11-20T02:00:00Z'));
      input.applicant.name = '改过的';
      input.items.push({ id: 'fuel-subsidy', department: '残联', status: 'submitted' });
      created.items[0].status = 'rejected';
      const got = await store.get(created.caseNo);
      expect(got?.applicant.name).to.equal('张测试');
      expect(got?.items).to.have.length(3);
      expect(got?.items[0].status).to.equal('submitted');
      got!.applicant.phone = '0';
      (await store.list({}))[0].audit.push({ at: '', by: 'x', action: 'tamper' });
      (await store.openCasesOf(SAMPLE_ID_NUMBER))[0].status = 'closed';
      const again = await store.get(created.caseNo);
      expect(again?.applicant.phone).to.equal('13800001234');
      expect(again?.audit).to.have.length(1);
      expect(again?.status).to.equal('submitted');
      expect(await store.get('YC209901010001')).to.equal(undefined);
    });

    describe('list', () => {
      let store: CaseStore;
      let a: CaseRecord, b: CaseRecord, c: CaseRecord, d: CaseRecord;

      before(async () => {
        store = await open(newDir());
        // Created out of time order: "newest first" follows creation time, not call order.
        d = await store.create(newCase(), new Date('2026-11-20T02:00:00Z')); // 残联+民政, open
        a = await store.create(newCase({ items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), new Date('2026-11-01T01:00:00Z'));
        // 00:30 on 11 November in Beijing.
        c = await store.create(
          newCase({ items: [{ id: 'emp-unemployment', department: '人社', status: 'submitted' }] }),
          new Date('2026-11-10T16:30:00Z'),
        );
        // 23:30 on 10 November in Beijing.
        b = await store.create(newCase({ items: decided }), new Date('2026-11-10T15:30:00Z'));
      });

      it('lists newest first', async () => {
        expect(nos(await store.list({}))).to.deep.equal(nos([d, c, b, a]));
      });

      it('filters by status', async () => {
        expect(nos(await store.list({ status: 'closed' }))).to.deep.equal(nos([b]));
        expect(nos(await store.list({ status: 'submitted' }))).to.deep.equal(nos([d, c, a]));
      });

      it('filters by department: any item of that department', async () => {
        expect(nos(await store.list({ department: '民政' }))).to.deep.equal(nos([d]));
        expect(nos(await store.list({ department: '残联' }))).to.deep.equal(nos([d, a]));
        expect(nos(await store.list({ department: '教育' }))).to.deep.equal(nos([b]));
      });

      it('filters by Beijing calendar days, both ends inclusive', async () => {
        expect(nos(await store.list({ from: '2026-11-10', to: '2026-11-10' }))).to.deep.equal(nos([b]));
        expect(nos(await store.list({ from: '2026-11-11' }))).to.deep.equal(nos([d, c]));
        expect(nos(await store.list({ to: '2026-11-10' }))).to.deep.equal(nos([b, a]));
        expect(await store.list({ from: '2026-11-21' })).to.deep.equal([]);
      });

      it('filters by ISO times, both ends inclusive', async () => {
        expect(nos(await store.list({ from: '2026-11-10T16:00:00Z', to: '2026-11-20T02:00:00.000Z' }))).to.deep.equal(nos([d, c]));
        expect(nos(await store.list({ from: '2026-11-10T15:30:00.000Z', to: '2026-11-10T15:30:00.000Z' }))).to.deep.equal(nos([b]));
      });

      it('combines filters and applies the limit last', async () => {
        expect(nos(await store.list({ limit: 2 }))).to.deep.equal(nos([d, c]));
        expect(nos(await store.list({ status: 'submitted', limit: 2, to: '2026-11-15' }))).to.deep.equal(nos([c, a]));
        expect(nos(await store.list({ department: '残联', to: '2026-11-19' }))).to.deep.equal(nos([a]));
      });
    });

    it('finds only the open cases of that person, newest first, whatever the case of X', async () => {
      const store = await open(newDir());
      const other = testIdNumber(7, '1960-05-04');
      const older = await store.create(newCase(), new Date('2026-10-01T02:00:00Z'));
      await store.create(newCase({ items: decided }), new Date('2026-10-15T02:00:00Z'));
      const newer = await store.create(newCase(), new Date('2026-11-01T02:00:00Z'));
      const theirs = await store.create(newCase({ applicant: { idNumber: other } }), new Date('2026-11-02T02:00:00Z'));
      expect(nos(await store.openCasesOf(SAMPLE_ID_NUMBER))).to.deep.equal(nos([newer, older]));
      expect(nos(await store.openCasesOf(SAMPLE_ID_NUMBER.toLowerCase()))).to.deep.equal(nos([newer, older]));
      expect(nos(await store.openCasesOf(other))).to.deep.equal(nos([theirs]));
      expect(await store.openCasesOf(testIdNumber(8))).to.deep.equal([]);
    });

    it('keeps every case after reopening and continues the daily sequence', async () => {
      const dir = newDir();
      const store = await open(dir);
      const at = new Date('2026-11-21T01:00:00Z');
      const first = await store.create(newCase(), at);
      const second = await store.create(newCase({ items: decided }), at);
      const reopened = await open(dir);
      expect(await reopened.count()).to.equal(2);
      expect(await reopened.get(first.caseNo)).to.deep.equal(first);
      expect(await reopened.get(second.caseNo)).to.deep.equal(second);
      expect(nos(await reopened.openCasesOf(SAMPLE_ID_NUMBER))).to.deep.equal(nos([first]));
      const third = await reopened.create(newCase(), at);
      expect(third.caseNo.slice(0, 10)).to.equal(first.caseNo.slice(0, 10));
      expect(seqOf(third.caseNo)).to.be.greaterThan(Math.max(seqOf(first.caseNo), seqOf(second.caseNo)));
      expect(nos(await reopened.list({}))).to.have.members(nos([first, second, third]));
    });
  
    it('finds the open cases filed from one chat user', async () => {
      const store = await open(newDir());
      const at = new Date('2026-11-21T01:00:00Z');
      const mine = await store.create(newCase({ submittedBy: { role: 'self', userKey: 'chat:a' } }), at);
      await store.create(newCase({ submittedBy: { role: 'self', userKey: 'chat:b' }, applicant: { idNumber: testIdNumber(7) } }), at);
      await store.create(newCase({ submittedBy: { role: 'self', userKey: 'chat:a' }, items: decided }), at);
      expect(nos(await store.openCasesOfUser('chat:a'))).to.deep.equal([mine.caseNo]);
      expect(await store.openCasesOfUser('chat:nobody')).to.deep.equal([]);
    });

    it('updates a case atomically: status derived again, audit entry with before and after, durable', async () => {
      const dir = newDir();
      const store = await open(dir);
      const created = await store.create(newCase({ items: [{ id: 'cert-new', department: '残联', status: 'submitted' }] }), new Date('2026-11-21T01:00:00Z'));
      const at = new Date('2026-11-22T03:00:00Z');
      const updated = await store.update(
        created.caseNo,
        (c) => {
          c.items[0].status = 'approved';
          c.stage = 'delivered';
          c.caseNo = 'tampered';
        },
        { by: 'staff:li', action: 'approve', note: '材料齐全' },
        at,
      );
      expect(updated?.caseNo).to.equal(created.caseNo);
      expect(updated?.status).to.equal('closed');
      expect(updated?.updatedAt).to.equal(at.toISOString());
      expect(updated?.audit.at(-1)).to.deep.equal({ at: at.toISOString(), by: 'staff:li', action: 'approve', note: '材料齐全', from: 'submitted', to: 'closed' });
      expect(await store.openCasesOf(created.applicant.idNumber)).to.deep.equal([]);
      expect(await (await open(dir)).get(created.caseNo)).to.deep.equal(updated);
      expect(await store.update('YC000000000000', () => undefined, { by: 'x', action: 'y' }, at)).to.equal(undefined);
    });

    it('keeps the files received per material, their decisions and reminders, durably; concurrent receipts all kept', async () => {
      const dir = newDir();
      const store = await open(dir);
      const created = await store.create(newCase({ materials: { verified: ['form'], toSubmit: ['photos', 'guardianProof'] } }), new Date('2026-11-21T01:00:00Z'));
      const file = (n: number) => ({ fileId: String(n).repeat(64).slice(0, 64), mime: 'image/jpeg' as const, size: 1000 + n, receivedAt: '2026-11-21T02:00:00.000Z', status: 'received' as const });
      const at = new Date('2026-11-21T02:00:00Z');
      // Two files arriving at once, each added inside the store's atomic update: neither is lost.
      await Promise.all([1, 2].map((n) => store.update(created.caseNo, (c) => void (c.materials.files = { ...c.materials.files, photos: [...(c.materials.files?.photos ?? []), file(n)] }), { by: 'chat:u', action: 'material-received', note: 'photos' }, at)));
      await store.update(
        created.caseNo,
        (c) => {
          const first = c.materials.files!.photos[0];
          Object.assign(first, { status: 'rejected', reason: '背景不是白色', decidedBy: 'staff:li', decidedAt: at.toISOString() });
          c.materials.files!.guardianProof = [{ ...file(3), mime: 'application/pdf', status: 'accepted' }];
          c.materials.reminded = ['2026-11-22'];
        },
        { by: 'staff:li', action: 'material-rejected', note: '背景不是白色' },
        at,
      );
      const reopened = await (await open(dir)).get(created.caseNo);
      expect(reopened?.materials.toSubmit).to.deep.equal(['photos', 'guardianProof']);
      expect(reopened?.materials.files?.photos.map((f) => f.fileId).sort()).to.deep.equal([file(1).fileId, file(2).fileId]);
      expect(reopened?.materials.files?.photos.find((f) => f.status === 'rejected')).to.include({ reason: '背景不是白色', decidedBy: 'staff:li' });
      expect(reopened?.materials.files?.guardianProof).to.deep.equal([{ ...file(3), mime: 'application/pdf', status: 'accepted' }]);
      expect(reopened?.materials.reminded).to.deep.equal(['2026-11-22']);
      expect(reopened?.audit.map((e) => e.action)).to.deep.equal(['submit', 'material-received', 'material-received', 'material-rejected']);
      // Erasure takes the links to the person's documents with the rest of their data.
      const erased = await store.erasePersonalData(created.caseNo, { by: 'staff:li', action: 'erase' }, at);
      expect(erased?.materials).not.to.have.property('files');
      expect((await (await open(dir)).get(created.caseNo))?.materials).not.to.have.property('files');
    });

    it('makes one case per submission id however many creates race, and finds it again after reopening', async () => {
      const dir = newDir();
      const store = await open(dir);
      const at = new Date('2026-11-21T01:00:00Z');
      const made = await Promise.all(Array.from({ length: 10 }, () => store.create(newCase({ submissionId: 'sub-1' }), at)));
      expect(new Set(nos(made)).size).to.equal(1);
      expect(await store.count()).to.equal(1);
      const other = await store.create(newCase({ submissionId: 'sub-2', applicant: { idNumber: testIdNumber(9) } }), at);
      expect(other.caseNo).not.to.equal(made[0].caseNo);
      const reopened = await open(dir);
      expect((await reopened.findBySubmission('sub-1'))?.caseNo).to.equal(made[0].caseNo);
      expect((await reopened.create(newCase({ submissionId: 'sub-1' }), at)).caseNo).to.equal(made[0].caseNo);
      expect(await reopened.count()).to.equal(2);
      expect(await reopened.findBySubmission('sub-none')).to.equal(undefined);
    });

    it('keeps status updates written with a change until they are marked relayed, durably and without an audit entry', async () => {
      const dir = newDir();
      const store = await open(dir);
      const first = await store.create(newCase(), new Date('2026-11-21T01:00:00Z'));
      const second = await store.create(newCase({ applicant: { idNumber: testIdNumber(5) } }), new Date('2026-11-21T01:00:00Z'));
      expect(await store.withPendingNotifications(10)).to.deep.equal([]);
      const row = (key: string) => ({ dedupeKey: key, caseNo: first.caseNo, conversation: { conversation: { id: 'c1' } } as never, recipient: 'applicant', text: key });
      await store.update(second.caseNo, (c) => void (c.pendingNotifications = [{ ...row('b1'), caseNo: second.caseNo }]), { by: 'staff:li', action: 'start_review' }, new Date('2026-11-21T02:00:00Z'));
      const changed = await store.update(first.caseNo, (c) => void (c.pendingNotifications = [row('a1'), row('a2')]), { by: 'staff:li', action: 'start_review' }, new Date('2026-11-21T03:00:00Z'));
      expect(changed?.pendingNotifications?.map((n) => n.dedupeKey)).to.deep.equal(['a1', 'a2']);
      expect(nos(await store.withPendingNotifications(10))).to.deep.equal([second.caseNo, first.caseNo]);
      expect(nos(await store.withPendingNotifications(1))).to.deep.equal([second.caseNo]);

      await store.markRelayed(first.caseNo, ['a1', 'unknown']);
      await store.markRelayed('YC000000000000', ['a1']);
      const reopened = await open(dir);
      const after = await reopened.get(first.caseNo);
      expect(after?.pendingNotifications?.map((n) => n.dedupeKey)).to.deep.equal(['a2']);
      expect(after?.audit).to.deep.equal(changed?.audit);
      expect(after?.updatedAt).to.equal(changed?.updatedAt);
      await reopened.markRelayed(first.caseNo, ['a2']);
      await reopened.markRelayed(second.caseNo, ['b1']);
      expect(await reopened.withPendingNotifications(10)).to.deep.equal([]);
      expect((await (await open(dir)).get(first.caseNo))).not.to.have.property('pendingNotifications');
    });

    it('keeps the messages a new case causes in the case itself, worded with its number, durably; a repeated submission words none', async () => {
      const dir = newDir();
      const store = await open(dir);
      const worded: string[] = [];
      const notify = (record: CaseRecord) => {
        worded.push(record.caseNo);
        return [{ dedupeKey: `${record.caseNo}:new`, caseNo: record.caseNo, conversation: { channelId: 'sms' }, recipient: 'staff:残联', text: `新案件 ${record.caseNo}` }];
      };
      const input = { ...newCase(), submissionId: 'sub-notify' };
      const created = await store.create(input, new Date('2026-11-21T01:00:00Z'), notify);
      expect(created.pendingNotifications?.map((n) => n.dedupeKey)).to.deep.equal([`${created.caseNo}:new`]);
      expect(await store.create(input, new Date('2026-11-21T01:05:00Z'), notify)).to.deep.equal(created);
      expect(worded).to.deep.equal([created.caseNo]);
      const reopened = await open(dir);
      expect(nos(await reopened.withPendingNotifications(10))).to.deep.equal([created.caseNo]);
      expect((await reopened.get(created.caseNo))?.pendingNotifications?.[0].text).to.equal(`新案件 ${created.caseNo}`);
    });

    it('finds the open cases waiting at a stage since before a time, longest first, as a scan of every case does', async () => {
      const dir = newDir();
      const store = await open(dir);
      const day = (d: number, h = 2) => new Date(Date.UTC(2026, 9, d, h));
      const made: CaseRecord[] = [];
      for (let i = 0; i < 12; i++) made.push(await store.create(newCase({ applicant: { idNumber: testIdNumber(i) } }), day(1 + i)));
      // Into pre-review on different days, one moved on to appraisal, one closed, one only noted (same stage).
      for (const [i, d] of [[0, 20], [3, 14], [5, 16], [7, 14], [9, 25], [11, 18]] as const) {
        await store.update(made[i].caseNo, (c) => void (c.stage = 'pre_review'), { by: 'staff', action: 'review' }, day(d));
      }
      await store.update(made[5].caseNo, (c) => void (c.stage = 'appraisal_scheduled'), { by: 'staff', action: 'schedule' }, day(17));
      await store.update(made[7].caseNo, (c) => ((c.items = decided), (c.stage = 'delivered')), { by: 'staff', action: 'close' }, day(19));
      await store.update(made[3].caseNo, () => undefined, { by: 'agent', action: 'family-check' }, day(26));
      const scan = async (stage: CaseRecord['stage'], before: string) => {
        const all = await Promise.all(made.map((c) => store.get(c.caseNo)));
        const since = (c: CaseRecord) => [...c.audit].reverse().find((e, i, list) => e.from !== e.to || i === list.length - 1)!.at;
        return all
          .filter((c): c is CaseRecord => c !== undefined && c.status !== 'closed' && c.stage === stage && since(c) < before)
          .sort((a, b) => (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : a.caseNo < b.caseNo ? -1 : 1))
          .map((c) => c.caseNo);
      };
      for (const reader of [store, await open(dir)]) {
        for (const [stage, before] of [['pre_review', day(19).toISOString()], ['pre_review', day(30).toISOString()], ['submitted', day(6).toISOString()], ['appraisal_scheduled', day(18).toISOString()], ['approved', day(30).toISOString()]] as const) {
          const found = await reader.waitingAt(stage, before);
          expect(nos(found), `${stage} before ${before}`).to.deep.equal(await scan(stage, before));
          for (const w of found) expect(w).to.deep.equal({ caseNo: w.caseNo, stage, since: stageSince((await reader.get(w.caseNo))!) });
        }
      }
      expect(nos(await store.waitingAt('pre_review', day(30).toISOString()))).to.deep.equal([made[3], made[11], made[0], made[9]].map((c) => c.caseNo));
    });
  });
}
