#!/usr/bin/env bash
# Runs BenchmarkDotNet suites and writes their results, with the machine they ran on, to perf-reports/.
# Usage:
#   tools/run-benchmarks.sh all [-- extra BenchmarkDotNet args]
#       Every suite. Writes perf-reports/<date>-<machine>.md, .json and -shapes.svg (see
#       docs/benchmarks-report.md). `tools/run-benchmarks.sh all -- --job dry` checks the pipeline
#       in about two minutes; its figures mean nothing.
#   tools/run-benchmarks.sh <report-name> '<filter>' ['<filter>'...] [-- extra BenchmarkDotNet args]
#       The chosen suites. Writes perf-reports/<date>-<report-name>.md from BenchmarkDotNet's tables.
# Example:
#   tools/run-benchmarks.sh engine-core '*ChainBenchmarks*' '*TreeBenchmarks*' '*FiveTask*' '*Registry*'
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name="${1:?report name, or all}"
shift
filters=()
extra=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then
        shift
        extra=("$@")
        break
    fi
    filters+=("$1")
    shift
done

# The machine, one "key: value" line each; the load is read when called, so call it after the run.
machine_info() {
    echo "cpu:     $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
    echo "cores:   $(nproc)"
    echo "memory:  $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME") $(uname -r)"
    echo "dotnet:  $(dotnet --version) (runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1))"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) when the run ended"
}

artifacts="$PWD/artifacts/benchmarks/$name"
rm -rf "$artifacts"

if [ "$name" = "all" ]; then
    if [ ${#filters[@]} -ne 0 ]; then
        echo "usage: tools/run-benchmarks.sh all [-- extra BenchmarkDotNet args]" >&2
        exit 2
    fi

    dotnet run -c Release --project bench/FastFlow.Benchmarks -- --filter '*' --exporters json --artifacts "$artifacts" "${extra[@]}"
    machine_info > "$artifacts/machine.txt"
    dotnet run -c Release --project tools/FastFlow.PerfReport -- \
        --results "$artifacts/results" --machine "$artifacts/machine.txt" --out perf-reports --date "$(date -u +%Y-%m-%d)"
    exit
fi

dotnet run -c Release --project bench/FastFlow.Benchmarks -- --filter "${filters[@]}" --artifacts "$artifacts" "${extra[@]}"

report="perf-reports/$(date -u +%Y-%m-%d)-$name.md"
{
    echo "# $name — $(date -u +%Y-%m-%d)"
    echo
    echo "## Machine"
    echo
    echo '```'
    machine_info
    echo '```'
    echo
    echo "## Results"
    for table in "$artifacts"/results/*-report-github.md; do
        echo
        echo "### $(basename "$table" -report-github.md)"
        echo
        sed -n '/^|/p' "$table"
    done
} > "$report"
echo "wrote $report"
