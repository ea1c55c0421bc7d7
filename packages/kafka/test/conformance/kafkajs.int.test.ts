// The port's conformance suite against the kafkajs adapter, on the broker the integration set-up starts.
import { testLogger } from '@sl/testkit';
import '@sl/testkit/provided';
import { inject } from 'vitest';
import { createKafkaClient } from '../../src/index.ts';
import { describePortConformance } from './port-conformance.ts';

describePortConformance('kafkajs', () =>
  createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'conformance-kafkajs', logger: testLogger() }),
);
