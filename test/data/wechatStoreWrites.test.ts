import { expect } from 'chai';
import { MemoryWechatStore } from '../../data/memory/memoryWechatStore.js';
import { WECHAT_DELIVERY_KEEP_MS } from '../../data/wechat.js';

const T0 = new Date('2026-11-20T02:00:00Z');

describe('the embedded WeChat store (wechat.json)', () => {
  it('writes the file once per push, not for a retry, and only when the housekeeping forgot something', async () => {
    let writes = 0;
    const store = new MemoryWechatStore(undefined, async () => void writes++);
    expect(await store.takePush({ key: 'msg:1', openId: 'oA', effect: 'message' }, T0)).to.equal(true);
    expect(writes).to.equal(1);
    expect(await store.takePush({ key: 'msg:1', openId: 'oA', effect: 'message' }, T0)).to.equal(false);
    await store.takePush({ key: 'evt:oA:1:unsubscribe', openId: 'oA', effect: 'unsubscribe' }, T0);
    await store.takePush({ key: 'evt:oA:2:view', openId: 'oA', effect: 'none' }, T0);
    expect(writes).to.equal(3);
    expect(await store.forgetPushes(T0)).to.equal(0);
    expect(writes).to.equal(3);
    expect(await store.forgetPushes(new Date(T0.getTime() + WECHAT_DELIVERY_KEEP_MS))).to.equal(3);
    expect(writes).to.equal(4);
    expect(store.snapshot().deliveries).to.deep.equal({});
  });
});
