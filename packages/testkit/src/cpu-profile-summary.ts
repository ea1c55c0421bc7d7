// Where a process's time went, from the V8 sampling profiles `node --cpu-prof` writes: the
// functions with the most self time, and the same time grouped by who owns the code (a package in
// node_modules, one of the project's packages or services, Node's own modules, the garbage
// collector, idle). A builtin or native frame (no script of its own: JSON.stringify, a Map lookup,
// a Buffer copy) is charged to the nearest caller that has one, so that "avsc" or "kafkajs"
// includes the builtins they call; the function table still shows the builtin by name.
// Used by the pipeline bench (test/bench/pipeline-throughput.ts) for every stage it runs.

/** The parts of a `.cpuprofile` file (Chrome DevTools Profile) read here. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  micros: number;
  /** Of the busy time: every sample but idle. */
  share: number;
}

export interface ProfileSummary {
  /** Sampled time in all, idle included, µs. */
  totalMicros: number;
  /** Sampled time the thread was not idle, µs. */
  busyMicros: number;
  idleMicros: number;
  /** Functions by self time, busiest first: `name (where)`. */
  functions: ProfileShare[];
  /** Busy time by owner of the code, busiest first (idle left out). */
  groups: ProfileShare[];
}

const IDLE = '(idle)';
/** Frames V8 names itself, with no script: they are their own group. */
const OWN_GROUPS: Readonly<Record<string, string>> = {
  '(garbage collector)': 'garbage collector',
  '(program)': 'V8 and native (program)',
  '(root)': 'V8 and native (program)',
};

/**
 * Who owns a script: `kafkajs`, `@scope/name` for a package in node_modules, `@sl/<name>` for one
 * of the project's packages, `services/<name>`, `node internals` for `node:` modules; undefined
 * for a frame without a script.
 */
export function codeOwner(url: string): string | undefined {
  if (url === '') return undefined;
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = path.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const project = /\/(packages|services|test|infra)\/([^/]+)\//.exec(path);
  if (project) return project[1] === 'packages' ? `@sl/${project[2]}` : project[1] === 'services' ? `services/${project[2]}` : project[1];
  return 'other scripts';
}

/** Self time of every function and of every owner over one or more profiles of the same process. */
export function summarizeCpuProfiles(profiles: readonly CpuProfile[], top = 12): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const groupOf = new Map<number, string>();
    const group = (id: number): string => {
      const known = groupOf.get(id);
      if (known !== undefined) return known;
      const frame = nodes.get(id)?.callFrame;
      let owner = frame ? (OWN_GROUPS[frame.functionName] ?? codeOwner(frame.url)) : 'V8 and native (program)';
      if (owner === undefined) {
        const up = parent.get(id);
        owner =
          up === undefined || OWN_GROUPS[nodes.get(up)?.callFrame.functionName ?? ''] !== undefined ? 'V8 and native (program)' : group(up);
      }
      groupOf.set(id, owner);
      return owner;
    };
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      const frame = nodes.get(id)?.callFrame;
      total += delta;
      if (frame?.functionName === IDLE) {
        idle += delta;
        return;
      }
      const name = frame ? functionLabel(frame) : '(unknown)';
      byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
      const owner = group(id);
      byGroup.set(owner, (byGroup.get(owner) ?? 0) + delta);
    });
  }
  const busy = total - idle;
  const ranked = (map: Map<string, number>, count: number): ProfileShare[] =>
    [...map]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, count)
      .map(([name, micros]) => ({ name, micros, share: busy > 0 ? micros / busy : 0 }));
  return {
    totalMicros: total,
    busyMicros: busy,
    idleMicros: idle,
    functions: ranked(byFunction, top),
    groups: ranked(byGroup, byGroup.size),
  };
}

function functionLabel(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  const where = frame.url.replace(/^.*\/(node_modules|packages|services)\//, '$1/');
  return `${name} (${where}:${frame.lineNumber + 1})`;
}
