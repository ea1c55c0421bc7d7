// A brand's time zone: an IANA name the runtime's time-zone data knows (Europe/Paris, America/New_York,
// UTC). Kept as written, with its letter case fixed where the runtime lists the zone: the runtime
// would rename some zones to older aliases (Asia/Kolkata to Asia/Calcutta), which nobody expects
// to read back.

let known: Map<string, string> | undefined;

/** The zone's name as kept, or undefined when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.trim() === '' || name !== name.trim()) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return undefined;
  }
  known ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  return known.get(name.toLowerCase()) ?? name;
}
