// Each test owns its topics, groups and object prefixes: names that never collide across
// tests, runs or parallel workers.
import { randomBytes } from 'node:crypto';

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
