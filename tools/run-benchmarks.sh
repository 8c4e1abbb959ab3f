#!/usr/bin/env bash
# Runs BenchmarkDotNet suites and writes their tables, with the machine they ran on, to
# perf-reports/<date>-<name>.md. Usage:
#   tools/run-benchmarks.sh <report-name> '<filter>' ['<filter>'...] [-- extra BenchmarkDotNet args]
# Example:
#   tools/run-benchmarks.sh engine-core '*ChainBenchmarks*' '*TreeBenchmarks*' '*FiveTask*' '*Registry*'
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name="${1:?report name}"
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

artifacts="$PWD/artifacts/benchmarks/$name"
rm -rf "$artifacts"
dotnet run -c Release --project bench/FastFlow.Benchmarks -- --filter "${filters[@]}" --artifacts "$artifacts" "${extra[@]}"

report="perf-reports/$(date -u +%Y-%m-%d)-$name.md"
{
    echo "# $name — $(date -u +%Y-%m-%d)"
    echo
    echo "## Machine"
    echo
    echo '```'
    echo "cpu:     $(lscpu | sed -n 's/^Model name: *//p')"
    echo "cores:   $(nproc)"
    echo "memory:  $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
    echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME") $(uname -r)"
    echo "dotnet:  $(dotnet --version) (runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1))"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) when the run ended"
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
