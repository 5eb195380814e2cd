import { ConnectorStub } from '../../test/connectorStub.js';

// Child process of bench:notify: a channel's Connector endpoint on loopback, in its own process
// so that answering 10,000 sends does not share the notifier's event loop. Answers "count" with
// what it received: how many, the distinct dedupe keys, and the keys received more than once.
const stub = await ConnectorStub.start();
process.send?.({ url: stub.url });
process.on('message', (message) => {
  if (message !== 'count') return;
  const times = new Map<string, number>();
  for (const r of stub.received) if (r.dedupeKey) times.set(r.dedupeKey, (times.get(r.dedupeKey) ?? 0) + 1);
  const repeated = [...times].filter(([, n]) => n > 1).map(([key]) => key);
  process.send?.({ received: stub.received.length, distinctKeys: new Set(stub.received.map((r) => r.dedupeKey)).size, keys: [...times.keys()], repeated });
});
process.on('disconnect', () => process.exit(0));
