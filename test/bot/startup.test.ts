import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { openStores } from '../../data/openStores.js';
import { newCase } from '../fixtures/cases.js';
import { startEntryPoint as start, tempDir } from '../support.js';

// A child process builds its knowledge base and opens its stores before it answers: seconds alone,
// half a minute on a loaded two-core machine.
describe('npm start entry point', function () {
  this.timeout(90_000);
  it('serves on the printed URL and answers /healthz', async () => {
    const run = await start({ DATA_DIR: tempDir() }, /SMS:.*\n/);
    try {
      const url = /health:\s+(\S+)/.exec(run.out)![1];
      expect(run.out).to.include('/api/messages').and.include('/api/agent/suggest');
      // Without SMS_* the service starts and says SMS is off.
      expect(run.out).to.include('SMS:             off (SMS_* not set): status updates by chat only');
      expect(await (await fetch(url)).json()).to.deep.equal({ status: 'ok' });
      // npm forwards SIGTERM to the script's shell: the server itself must get it and stop
      // (a shell that forked it would die and leave the server holding the port and the data folder).
      run.kill('SIGTERM');
      expect(await run.exited).to.equal(0);
      const after = await fetch(url).then(() => 'served', () => 'refused');
      expect(after).to.equal('refused');
    } finally {
      run.kill();
    }
  });

  it('stops with a message naming the file and the entry when the knowledge base is broken', async () => {
    const dir = tempDir('onevisit-kb-');
    cpSync(join(projectRoot, 'knowledge'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'entries', 'zz-broken.yaml'),
      '- id: broken-entry\n  category: 测试\n  question: 坏条目？\n  alternates: [一]\n  answer: 答案\n  source: 测试\n',
    );
    const run = await start({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: dir }, /$^/);
    expect(run.code).to.equal(1);
    expect(run.out).to.include('zz-broken.yaml').and.include('broken-entry');
  });
});

describe('npm run chat (terminal chat)', function () {
  this.timeout(90_000);
  it('answers typed Chinese questions through the bot and quits at the end of input', async () => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(projectRoot, 'dist/scripts/chat.js')], {
      env: { ...process.env, DATA_DIR: tempDir(), LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Enough turns to pass the channel's per-conversation request limit if the client polled for replies.
    child.stdin.end('公示要几天\n残疾证办好了能管几年\n那过期了呢\n有帮助\n我要申请\n不同意\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).to.equal(0);
    expect(out).to.include('我：公示要几天').and.include('5个工作日').and.include('1. 我要申请');
    expect(out).to.include('谢谢您的反馈');
    const afterFeedback = out.slice(out.indexOf('我：我要申请'));
    expect(afterFeedback).to.include('您同意吗').and.include('我：不同意');
    expect(afterFeedback.slice(afterFeedback.indexOf('我：不同意') + 6)).to.match(/助手：/);
  });
});

describe('npm start with damaged data files', () => {
  it('starts past damaged chat state and job dates (set aside, logged), and stops on a damaged case file naming it and the restore', async function () {
    this.timeout(120_000);
    const dataDir = tempDir();
    const stores = await openStores({ store: 'lowdb', dataDir });
    const created = await stores.cases.create(newCase(), new Date('2026-11-20T02:00:00Z'));
    await stores.cases.update(created.caseNo, (c) => void (c.stage = 'pre_review'), { by: 'staff', action: 'review' }, new Date('2026-11-20T03:00:00Z'));
    await stores.storage.write({ 'test/conversations/a/': { n: 1 } });
    await stores.close();
    writeFileSync(join(dataDir, 'bot-state', '000001.jsonl'), '{"cut\n', { mode: 0o600 });
    writeFileSync(join(dataDir, 'jobs.json'), '[', { mode: 0o600 });

    const running = await start({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }, /admin API:.*\n/);
    running.kill('SIGTERM');
    await running.exited;
    expect(running.out).to.include('damaged_file_set_aside').and.include(join(dataDir, 'jobs.json')).and.include(join(dataDir, 'bot-state', '000001.jsonl'));

    // The case log's first line garbled, its index gone so that every line is read again.
    const file = join(dataDir, 'cases', '000001.jsonl');
    expect(readFileSync(file, 'utf8')).to.include(created.caseNo);
    rmSync(join(dataDir, 'cases', 'index.json'));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\{"caseNo"/, '{"YC'), { mode: 0o600 });
    const refused = await start({ DATA_DIR: dataDir }, /$^/);
    expect(refused.code).to.equal(1);
    expect(refused.out).to.include(`${file}: unreadable record at byte 0`).and.include('repair that line');
  });
});
