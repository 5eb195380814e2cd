import { ConnectorStub } from '../../test/connectorStub.js';

// Child process of bench:notify: a channel's Connector endpoint on loopback, in its own process
// so that answering 10,000 sends does not share the notifier's event loop. Answers "count" with
// what it received.
const stub = await ConnectorStub.start();
process.send?.({ url: stub.url });
process.on('message', (message) => {
  if (message !== 'count') return;
  process.send?.({ received: stub.received.length, distinctKeys: new Set(stub.received.map((r) => r.dedupeKey)).size });
});
process.on('disconnect', () => process.exit(0));
