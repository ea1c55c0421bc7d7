// Engagement counts from source JSON: a count the source does not give (or gives negative, like
// a Reddit score below zero) is left out rather than failing the whole mention.
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? Math.max(0, value) : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
