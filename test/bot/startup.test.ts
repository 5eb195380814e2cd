import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { startEntryPoint as start, tempDir } from '../support.js';

describe('npm start entry point', () => {
  it('serves on the printed URL and answers /healthz', async () => {
    const run = await start({ DATA_DIR: tempDir() }, /admin API:.*\n/);
    try {
      const url = /health:\s+(\S+)/.exec(run.out)![1];
      expect(run.out).to.include('/api/messages').and.include('/api/agent/suggest');
      expect(await (await fetch(url)).json()).to.deep.equal({ status: 'ok' });
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

describe('npm run chat (terminal chat)', () => {
  it('answers typed Chinese questions through the bot and quits at the end of input', async () => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(projectRoot, 'dist/scripts/chat.js')], {
      env: { ...process.env, DATA_DIR: tempDir(), LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end('公示要几天\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).to.equal(0);
    expect(out).to.include('我：公示要几天').and.include('5个工作日').and.include('1. 我要申请');
  });
});
