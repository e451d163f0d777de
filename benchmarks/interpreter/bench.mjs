// Times aws-local-stepfunctions (an ASL interpreter in JavaScript) on the definitions and inputs of the StatesGen
// benchmarks, so the "compiled vs interpreted" comparison can be repeated on any machine with Node.js.
//
//   cd benchmarks/interpreter && npm ci && node bench.mjs [--runs 30] [--warmup 5] [--warmup-ms 2000] [--only Chain50,MapItems]
//   (or benchmarks/run.sh --interpreter ...)
//
// For each workload: one StateMachine is constructed (validation is not timed), executions are run and discarded for
// at least `warmup` runs and `warmup-ms` milliseconds, then `runs` executions are timed one after another; the
// median, mean and min per execution are printed in microseconds (MapItems takes seconds per execution here). Task
// states run local handlers that do nothing, as in the .NET benchmarks. Each output is printed as a SHA-256 of its
// canonical JSON (keys sorted, compact); `benchmarks/run.sh --verify` prints the same hashes for the .NET outputs.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';

// aws-local-stepfunctions 3.0.0 (the only published version) asks for Node.js 22 but runs on Node.js 20 except for
// its use of Promise.withResolvers (Node.js 22+) in Task states; this is the standard definition.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Workload (d) is sample-app's OrderProcessing itself; the others are in the benchmark project.
const readJson = (name) => JSON.parse(readFileSync(join(root, name.startsWith('OrderProcessing.') ? 'sample-app' : 'benchmarks/StatesGen.Benchmarks',
  'Workflows', name), 'utf8'));

// Same rule as Workloads.MapItemsInput() in the .NET project: 10,000 items, threshold 700.
export function mapItemsInput(count = 10_000) {
  const items = [];
  for (let i = 0; i < count; i++) items.push({ id: i, value: (i * 37) % 1000 });
  return { threshold: 700, items };
}

const echo = async (input) => input;
const nothing = async () => null;
const taskNames = (definition) => Object.entries(definition.States).filter(([, s]) => s.Type === 'Task').map(([n]) => n);

const workloads = [
  { name: 'Chain50', input: () => readJson('Chain50.input.json') },
  { name: 'MapItems', input: () => mapItemsInput() },
  { name: 'Parallel3', input: () => readJson('Parallel3.input.json') },
  // The task is inside the Map's ItemProcessor; the override is keyed by state name.
  { name: 'OrderProcessing', input: () => readJson('OrderProcessing.input.json'), handlers: { 'Store Order': nothing } },
  { name: 'Tasks20', input: () => readJson('Tasks20.input.json'), handlersFor: (d) => Object.fromEntries(taskNames(d).map((n) => [n, echo])) },
];

function canonical(value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value !== null && typeof value === 'object')
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  return JSON.stringify(value);
}

function args() {
  const a = process.argv.slice(2);
  const get = (flag, fallback) => { const i = a.indexOf(flag); return i >= 0 ? a[i + 1] : fallback; };
  return {
    runs: Number(get('--runs', 30)),
    warmup: Number(get('--warmup', 5)),
    warmupMs: Number(get('--warmup-ms', 2000)),
    only: get('--only', null)?.split(',') ?? null,
  };
}

const { runs, warmup, warmupMs, only } = args();
console.log(`aws-local-stepfunctions ${JSON.parse(readFileSync(new URL('./node_modules/aws-local-stepfunctions/package.json', import.meta.url), 'utf8')).version}, node ${process.version}, ${runs} timed runs per workload after at least ${warmup} warm-up runs and ${warmupMs} ms`);
console.log('workload         median_us       mean_us        min_us  output_sha256');
for (const w of workloads) {
  if (only && !only.includes(w.name)) continue;
  const definition = readJson(`${w.name}.asl.json`);
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  const taskResourceLocalHandlers = w.handlers ?? w.handlersFor?.(definition) ?? {};
  // Each run gets its own input, built before its clock starts, so no run sees another's changes. Warm-up lasts at
  // least `warmup` runs and at least `warmupMs` milliseconds, so V8 has optimized the interpreter's hot paths.
  let output;
  const warmupStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmupStart < warmupMs; i++)
    output = await machine.run(w.input(), { overrides: { taskResourceLocalHandlers } }).result;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const input = w.input();
    const start = process.hrtime.bigint();
    output = await machine.run(input, { overrides: { taskResourceLocalHandlers } }).result;
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((x, y) => x - y);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const hash = createHash('sha256').update(canonical(output)).digest('hex');
  console.log(`${w.name.padEnd(15)} ${median.toFixed(1).padStart(10)} ${mean.toFixed(1).padStart(13)} ${times[0].toFixed(1).padStart(13)}  ${hash}`);
}
