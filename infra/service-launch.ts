// How a service process is started, the same way by the supervisor (npm start), the tests and the
// benchmarks (the container image reads the same field). Each service's package.json may list
// Node flags under "nodeOptions". The services get a small young generation
// (--max-semi-space-size=4): on this 24 GiB machine V8 otherwise sizes it, and the old generation's
// growth, for a 4.5 GB heap, and the services sat at 330–400 MB resident with ~60 MB live. The
// stateless ones are also capped (--max-old-space-size), which makes their GC keep the heap near
// what is live; so are the raw archiver and the amplification worker, whose state is bounded by
// configuration (one buffer budget over all partitions; the engine's limits, packages/amplification
// amplification-engine.ts), and the aggregation worker, whose buffers and correction chain are
// (packages/rollups README, "Memory"). The enricher's state is bounded by its capacities (packages/enrichment,
// enricher-options.ts), so it is capped too, above what its memories hold when full, with an
// 8 MB semi-space (4 MB doubled its GC time); docs/performance.md, the enricher section. The
// stateless pass-through stages (gateway, sentiment worker) get a 16 MB semi-space: they allocate
// per record and keep almost nothing, so a young generation four times larger is scavenged four
// times less often, each scavenge copying only the batch in flight (docs/performance.md, each
// stage's profile).
// MALLOC_ARENA_MAX=2 keeps glibc from giving each thread its own arena for Buffer memory.
// MALLOC_MMAP_THRESHOLD_=131072 fixes glibc's threshold for serving an allocation by its own
// mapping at its default 128 KiB: otherwise the first such block freed raises the threshold to its
// size (up to 32 MiB), and from then on kafkajs's request buffers, zlib's outputs and the
// snapshots' chunks are carved from the main heap, which keeps the pages after they are freed.
// With it the amplification worker's peak fell from 454-468 to 396 MB in bench:pipeline, and no
// service's rose (docs/performance.md, Memory).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export const SERVICE_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });

/** The Node flags a service's package.json asks for, then its entry point. */
export function serviceArgs(name: string, entry = path.join(repoRoot, 'services', name, 'src', 'main.ts')): string[] {
  const manifest = path.join(repoRoot, 'services', name, 'package.json');
  const nodeOptions = fs.existsSync(manifest)
    ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { nodeOptions?: unknown }).nodeOptions
    : undefined;
  const flags = Array.isArray(nodeOptions)
    ? nodeOptions.filter((flag): flag is string => typeof flag === 'string' && flag.startsWith('--'))
    : [];
  return [...flags, entry];
}
