import type { Command } from '../command.ts';
import { alertsTail } from './alerts.ts';
import { bench } from './bench.ts';
import { brandsApply, brandsList } from './brands.ts';
import { connectorsList, connectorsRun } from './connectors.ts';
import { correct } from './correct.ts';
import { enrich } from './enrich.ts';
import { generate } from './generate.ts';
import { ingest } from './ingest.ts';
import { query } from './query.ts';
import { sentiment } from './sentiment.ts';
import { topics } from './topics.ts';
import { up } from './up.ts';

/** Every command; `sl --help` lists them in COMMAND_ORDER (run-cli.ts), whatever their place here. */
export const commands: readonly Command[] = [alertsTail, brandsApply, brandsList, connectorsList, connectorsRun, query, correct, sentiment, enrich, topics, up, ingest, bench, generate];
