#!/usr/bin/env bash
# Installs what tools/fuzz-protocol.sh needs: afl++ (Debian package `afl++`, with apt-get when
# afl-fuzz is missing) and the SharpFuzz instrumenter (dotnet tool SharpFuzz.CommandLine, pinned
# in fuzz/.config/dotnet-tools.json). Exit 0 when both are there, 2 when one cannot be installed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v afl-fuzz >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1; then
        sudo="sudo -n"
    else
        echo "fuzz-setup: afl-fuzz is missing and this user cannot install it (not root, no sudo): apt-get install afl++" >&2
        exit 2
    fi
    echo "fuzz-setup: installing afl++"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get install -y -q afl++ >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q afl++ >/dev/null 2>&1; }; }; then
        echo "fuzz-setup: apt-get could not install afl++" >&2
        exit 2
    fi
fi

if ! (cd fuzz && dotnet tool restore >/dev/null); then
    echo "fuzz-setup: dotnet tool restore could not install SharpFuzz.CommandLine (fuzz/.config/dotnet-tools.json)" >&2
    exit 2
fi

echo "fuzz-setup: $(afl-fuzz -h 2>&1 | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'); sharpfuzz $(cd fuzz && dotnet tool list | awk '/sharpfuzz/ {print $2}')"
