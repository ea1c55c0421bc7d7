// A brand's time zone: an IANA name the runtime's time-zone data knows (Europe/Paris, America/New_York,
// UTC), stored in its canonical spelling so every reader buckets days the same way.

/** The canonical name of a time zone, or undefined when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.trim() === '' || name !== name.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
