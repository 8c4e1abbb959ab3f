#!/bin/sh
# Starts the example agent (agent.cs) in a role: sh agents/agent.sh analyst
#
# `dotnet run agent.cs` would work too, but costs about 270 ms per task and races when several
# tasks start the same file at once on a fresh machine. This script builds agent.cs once into
# ./bin (a few seconds, the first time or after an edit) and then starts the built program
# directly (about 75 ms). Build output goes to stderr: stdout carries the agent's JSON reply.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
dll="$here/bin/agent.dll"

stale() { [ ! -f "$dll" ] || [ "$here/agent.cs" -nt "$dll" ]; }

if stale; then
    lock="$here/bin.lock"
    # mkdir is atomic: the first agent builds, the others wait for it. A lock left by a builder
    # that was killed (a task timeout kills the agent's process tree) is taken over.
    until mkdir "$lock" 2>/dev/null; do
        if [ -f "$lock/pid" ] && ! kill -0 "$(cat "$lock/pid" 2>/dev/null || echo 0)" 2>/dev/null; then
            rm -rf "$lock"
            continue
        fi
        sleep 1
    done
    echo $$ > "$lock/pid"
    trap 'rm -rf "$lock"' EXIT INT TERM
    if stale; then
        dotnet build "$here/agent.cs" -c Release -o "$here/bin" --nologo -v quiet 1>&2
    fi
    rm -rf "$lock"
    trap - EXIT INT TERM
fi

exec dotnet "$dll" "$@"
