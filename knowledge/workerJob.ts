import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort, type Transferable } from 'node:worker_threads';

// One job for a worker thread during the knowledge base's build (jieba's dictionary, the SGD),
// waited for synchronously: the build stays one synchronous call, its second half on another core.

interface JobData<D> {
  input: D;
  port: MessagePort;
  done: Int32Array;
}

/**
 * Starts `script` on a worker thread with `input`; returns how to wait for its result, blocking
 * this thread, at most `waitMs` (undefined if it sent none: it failed, or never ran). Neither the
 * worker nor its port keeps the process alive.
 */
export function startJob<D, R>(script: URL, input: D, waitMs: number): () => R | undefined {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const data: JobData<D> = { input, port: port2, done };
  const worker = new Worker(script, { workerData: data, transferList: [port2] });
  // A failed job only means this thread does the work itself (the wait returns nothing).
  worker.on('error', () => undefined);
  worker.unref();
  port1.unref();
  return function waitForWorker() {
    Atomics.wait(done, 0, 0, waitMs);
    const result = receiveMessageOnPort(port1)?.message as R | undefined;
    port1.close();
    void worker.terminate();
    return result;
  };
}

/**
 * In the worker: runs the job on its input and sends back what it returns (with the buffers to
 * move rather than copy); the thread waiting is released whatever happens, so a failure leaves
 * the job to that thread, not a hang.
 */
export async function runJob<D, R>(job: (input: D) => Promise<{ result: R; transfer: Transferable[] } | undefined>): Promise<void> {
  const { input, port, done } = workerData as JobData<D>;
  try {
    const out = await job(input);
    if (out) port.postMessage(out.result, out.transfer);
  } finally {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  }
}
