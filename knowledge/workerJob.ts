import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort, type Transferable } from 'node:worker_threads';

// One job for a worker thread during the knowledge base's build (jieba's dictionary, the SGD),
// waited for synchronously: the build stays one synchronous call, its second half on another core.

interface WorkerData {
  port: MessagePort;
  done: Int32Array;
}

/** A worker started ahead of its job: it loads (and warms) its code while this thread does other things. */
export interface StandingWorker<D, R> {
  /** Hands the worker its input; returns how to wait, blocking this thread, at most `waitMs` (undefined if it sent nothing). */
  run(input: D, waitMs: number): () => R | undefined;
  /** Ends the worker without a job. */
  dismiss(): void;
}

/**
 * Starts `script` on a worker thread that waits for one input (see `runJob`). Neither the worker
 * nor its port keeps the process alive.
 */
export function standBy<D, R>(script: URL): StandingWorker<D, R> {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const data: WorkerData = { port: port2, done };
  const worker = new Worker(script, { workerData: data, transferList: [port2] });
  // A failed job only means this thread does the work itself (the wait returns nothing).
  worker.on('error', () => undefined);
  worker.unref();
  port1.unref();
  const dismiss = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    dismiss,
    run(input, waitMs) {
      port1.postMessage(input);
      return function waitForWorker() {
        Atomics.wait(done, 0, 0, waitMs);
        const result = receiveMessageOnPort(port1)?.message as R | undefined;
        dismiss();
        return result;
      };
    },
  };
}

/** Starts `script` on a worker thread with `input` at once. */
export function startJob<D, R>(script: URL, input: D, waitMs: number): () => R | undefined {
  return standBy<D, R>(script).run(input, waitMs);
}

/**
 * In the worker: runs `warmUp` if given (while the job's input is still being prepared), then the
 * job on the input it is handed, and sends back what it returns (with the buffers to move rather
 * than copy); the thread waiting is released whatever happens, so a failure leaves the job to that
 * thread, not a hang.
 */
export async function runJob<D, R>(job: (input: D) => Promise<{ result: R; transfer: Transferable[] } | undefined>, warmUp?: () => void): Promise<void> {
  const { port, done } = workerData as WorkerData;
  const release = () => {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  };
  try {
    warmUp?.();
  } catch {
    // Only slower: the job still runs.
  }
  port.once('message', (input: D) => {
    job(input)
      .then((out) => {
        if (out) port.postMessage(out.result, out.transfer);
      })
      .catch(() => undefined)
      .finally(() => {
        release();
        port.close();
      });
  });
}
