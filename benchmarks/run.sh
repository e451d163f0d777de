#!/usr/bin/env bash
# StatesGen benchmarks (BenchmarkDotNet 0.14; not part of StatesGen.sln, so `dotnet test` never runs them).
# Method, machine and results: docs/performance.md. From anywhere in the repository:
#
#   benchmarks/run.sh              build (Release), --verify, every benchmark with BenchmarkDotNet's default job, then
#                                  the derived tables for docs/performance.md (about 15-20 minutes on 2 cores)
#   benchmarks/run.sh ARGS...      the same, with your BenchmarkDotNet arguments instead of --filter '*', e.g.
#                                  benchmarks/run.sh --filter '*Chain50*' --job short
#   benchmarks/run.sh --verify     only the checks: every workload by hand and generated gives the same JSON
#   benchmarks/run.sh --summarize  only the derived tables, from the last run's reports
#   benchmarks/run.sh --durable [seconds] [executions at a time]
#                                  durable executions (SQLite store) against in memory: transitions/s, write calls and
#                                  commits per execution, the raw insert rate of the same rows (docs/durability.md)
#   benchmarks/run.sh --interpreter [--runs 30] [--warmup 5] [--warmup-ms 2000] [--only Chain50,Tasks20]
#                                  aws-local-stepfunctions (npm, Node.js 20+) on the same definitions and inputs
#
# Reports: benchmarks/BenchmarkDotNet.Artifacts/results/ (GitHub markdown, CSV, HTML, JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project=benchmarks/StatesGen.Benchmarks
artifacts=benchmarks/BenchmarkDotNet.Artifacts

if [[ "${1:-}" == "--interpreter" ]]; then
  shift
  cd benchmarks/interpreter
  [[ -d node_modules/aws-local-stepfunctions ]] || npm ci --no-fund --no-audit
  exec node bench.mjs "$@"
fi

dotnet build -c Release "$project" --nologo -v quiet
run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }

case "${1:-}" in
  --verify) run --verify; exit ;;
  --summarize) run --summarize "$artifacts/results"; exit ;;
  --probe|--durable) run "$@"; exit ;;
esac

run --verify
(( $# > 0 )) || set -- --filter '*'
[[ " $* " == *" --exporters "* ]] || set -- "$@" --exporters json
run --artifacts "$artifacts" "$@"
echo
run --summarize "$artifacts/results"
