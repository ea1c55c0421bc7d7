// kafkajs 2.2.4 schedules a timer with a negative delay on Node 23+, which Node clamps to 1 ms
// and reports as TimeoutNegativeWarning on every start. Harmless, and it drowns the lines that
// matter, so that one warning is dropped; every other warning still prints.
let installed = false;

export function silenceKnownWarnings(): void {
  if (installed) return;
  installed = true;
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const listener of listeners) listener(warning);
  });
}
