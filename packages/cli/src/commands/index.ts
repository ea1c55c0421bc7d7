import type { Command } from '../command.ts';
import { brandsApply, brandsList } from './brands.ts';
import { topics } from './topics.ts';

/** Every command, in the order `sl --help` lists them. */
export const commands: readonly Command[] = [brandsApply, brandsList, topics];
