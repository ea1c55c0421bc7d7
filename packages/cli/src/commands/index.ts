import type { Command } from '../command.ts';
import { alertsTail } from './alerts.ts';
import { brandsApply, brandsList } from './brands.ts';
import { connectorsList, connectorsRun } from './connectors.ts';
import { query } from './query.ts';
import { sentiment } from './sentiment.ts';
import { topics } from './topics.ts';

/** Every command, in the order `sl --help` lists them. */
export const commands: readonly Command[] = [alertsTail, brandsApply, brandsList, connectorsList, connectorsRun, query, sentiment, topics];
