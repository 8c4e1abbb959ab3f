#!/usr/bin/env bash
# Fuzzes the protocol decoders (FrameReader + MessageCodec.Decode, fuzz/FastFlow.Protocol.Fuzz)
# with afl++ for SECONDS (default 60; a long run: tools/fuzz-protocol.sh 3600). The seeds are the
# frames of docs/protocol-vectors.json and the regression corpus
# tests/FastFlow.Protocol.Tests/Fuzzing/Corpus. Run tools/fuzz-setup.sh once first.
#
# Every crash found is copied into that corpus (named crash-<sha1>), where the Protocol tests
# run it until the bug is fixed. Exit 0: no crash; 1: crashes found; 2: could not fuzz here
# (afl++ or SharpFuzz missing, build failed, afl-fuzz refused to start).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: tools/fuzz-protocol.sh [SECONDS]   (a whole number of seconds, default 60)" >&2
    exit 2
fi

work="${FASTFLOW_FUZZ_DIR:-$root/artifacts/fuzz}"
corpus="$root/tests/FastFlow.Protocol.Tests/Fuzzing/Corpus"
bin="$work/bin"
rm -rf "$work/seeds" "$work/findings" "$bin"
mkdir -p "$work/seeds" "$corpus"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "fuzz: afl-fuzz is missing; run tools/fuzz-setup.sh" >&2
    exit 2
fi

echo "fuzz: building the target"
if ! dotnet build fuzz/FastFlow.Protocol.Fuzz -c Release --nologo -v quiet -o "$bin" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "fuzz: the target did not build" >&2
    exit 2
fi

# Instrument the code under test (not the fuzz driver) for afl's coverage map.
for dll in FastFlow.Protocol.dll MessagePack.dll; do
    if ! (cd fuzz && dotnet tool run sharpfuzz "$bin/$dll" >"$work/instrument.log" 2>&1); then
        cat "$work/instrument.log" >&2
        echo "fuzz: sharpfuzz could not instrument $dll (run tools/fuzz-setup.sh)" >&2
        exit 2
    fi
done

# Seeds: every vector's frame, and every input of the regression corpus.
python3 - "$root/docs/protocol-vectors.json" "$work/seeds" <<'PY'
import json, sys, os
for vector in json.load(open(sys.argv[1])):
    with open(os.path.join(sys.argv[2], vector["name"] + ".bin"), "wb") as f:
        f.write(bytes.fromhex(vector["hex"]))
PY
find "$corpus" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$work/seeds/" \;

echo "fuzz: afl-fuzz for $seconds s on $(ls "$work/seeds" | wc -l) seeds"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000 DOTNET_TieredPGO=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
timeout --kill-after=30 $((seconds + 120)) afl-fuzz -V "$seconds" -i "$work/seeds" -o "$work/findings" -t 5000 -m none \
    -- "$bin/FastFlow.Protocol.Fuzz" >"$work/afl.log" 2>&1
afl_exit=$?
stats="$work/findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
    tail -n 40 "$work/afl.log" >&2
    echo "fuzz: afl-fuzz did not start (exit $afl_exit); see $work/afl.log" >&2
    exit 2
fi

stat() { sed -n "s/^$1 *: *//p" "$stats"; }
echo "fuzz: $(stat execs_done) executions, $(stat corpus_count) paths, $(stat saved_crashes) crashes, $(stat saved_hangs) hangs (afl-fuzz exit $afl_exit)"

crashes=0
shopt -s nullglob
for crash in "$work/findings/default/crashes"/id:*; do
    name="crash-$(sha1sum "$crash" | cut -c1-16)"
    cp "$crash" "$corpus/$name"
    echo "fuzz: CRASH saved as tests/FastFlow.Protocol.Tests/Fuzzing/Corpus/$name"
    echo "      reproduce: dotnet run --project fuzz/FastFlow.Protocol.Fuzz -- tests/FastFlow.Protocol.Tests/Fuzzing/Corpus/$name"
    crashes=$((crashes + 1))
done
for hang in "$work/findings/default/hangs"/id:*; do
    echo "fuzz: an input ran over 5 s (a hang, or a busy machine): $hang"
done

if [ "$crashes" -gt 0 ]; then
    echo "fuzz: $crashes crashing inputs" >&2
    exit 1
fi
echo "fuzz: no crash"
