// StatesGen benchmarks; see docs/performance.md. Usually run through benchmarks/run.sh. Modes:
//   --verify                 every workload once by hand, with ExecuteAsync and StartExecutionAsync: same JSON or exit 1;
//                            the generator once cold and once per edit, with what each regenerated
//   --summarize [dir]        the derived tables of docs/performance.md from BenchmarkDotNet's JSON reports
//                            (default dir: BenchmarkDotNet.Artifacts/results)
//   --probe [workload] [s]   a quick loop without BenchmarkDotNet: time and bytes per execution, hand-written and generated
//   --durable [s] [n]        executions kept in a SQLite store against in memory: transitions/s, transactions and rows
//                            per execution, and the raw insert rate of the same rows (n executions at a time)
//   anything else            BenchmarkDotNet's command line, e.g. --filter '*' or --list flat
using BenchmarkDotNet.Running;
using StatesGen.Benchmarks;

GeneratorAssembly.EnsureLoadable();
if (args.Contains("--verify")) return await Verification.RunAsync(Console.Out);
if (args.Length > 0 && args[0] == "--probe") return await Probe.RunAsync(args, Console.Out);
if (args.Length > 0 && args[0] == "--durable") return await DurableProbe.RunAsync(args, Console.Out);
if (args.Length > 0 && args[0] == "--summarize")
    return await Summary.RunAsync(args.Length > 1 ? args[1] : Path.Combine("BenchmarkDotNet.Artifacts", "results"), Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(Verification).Assembly).Run(args);
return 0;
