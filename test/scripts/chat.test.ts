import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { text } from '../../dialogs/text/index.js';
import { lineAction } from '../../scripts/chatLine.js';
import { tempDir } from '../support.js';

// fix29b: `npm run chat`, the terminal. "退出" ends it as Ctrl-D does; it is no message to the bot,
// whose cancel would answer "现在没有正在办的事" and keep the session open.
describe('npm run chat: the typed line', () => {
  it('"退出", "exit", "quit" end the session, however typed; a goodbye is said to the bot first', () => {
    for (const line of ['退出', ' 退出。', '退出！', 'exit', 'QUIT', '退出聊天']) expect(lineAction(line), line).to.equal('quit');
    for (const line of ['再见', '拜拜~', 'Bye']) expect(lineAction(line), line).to.equal('sendAndQuit');
    for (const line of ['', '   ', '。']) expect(lineAction(line), JSON.stringify(line)).to.equal('skip');
  });

  it('a question that only holds such a word is sent as it is', () => {
    for (const line of ['取消', '退出低保了补贴还有吗', '怎么退出', '再见面要带啥', '不问了']) expect(lineAction(line), line).to.equal('send');
  });

  it('the banner says how to end it', () => {
    expect(text.terminal.banner).to.include('退出').and.include('Ctrl-D');
  });

  it('the terminal ends on "退出" with its input still open, and never sends it', async function () {
    // The app starts in the child (its knowledge base loads): seconds, more on a busy machine.
    this.timeout(90_000);
    const dataDir = tempDir('onevisit-chat-');
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(projectRoot, 'dist/scripts/chat.js')], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // As typed at a terminal: the input stays open after the line (Ctrl-D is not pressed).
    child.stdin.write('残疾证怎么办\n退出\n');
    const cap = setTimeout(() => child.kill(), 80_000);
    try {
      expect(await exited, out).to.equal(0);
    } finally {
      clearTimeout(cap);
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(out).to.include('我：残疾证怎么办').and.include('助手：先提出申请');
    expect(out).to.not.include('我：退出').and.not.include(text.nothingToCancel).and.not.include(text.nothingToLeave);
  });
});
