#!/usr/bin/env bash
# The performance gate, as CI runs it: builds in Release and checks the committed budget
# (tools/perf-gate.json). Exit 0 when every check passes, 1 when one fails, 2 on a bad budget.
# Usage: tools/perf-gate.sh [BUDGET.json] [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

budget="tools/perf-gate.json"
build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        *) budget="$arg" ;;
    esac
done

if [ "$build" -eq 1 ]; then
    dotnet build tools/FastFlow.PerfGate -c Release --nologo -v quiet
fi

exec dotnet tools/FastFlow.PerfGate/bin/Release/net10.0/FastFlow.PerfGate.dll "$budget"
