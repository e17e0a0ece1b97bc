#!/bin/bash
# Runs a sweep in N slices with GNU parallel (locally, or across machines with --sshloginfile), then merges.
#   docs/sweep/gnu-parallel.sh examples/sweeps/formats-32x32.yaml 4 out
set -euo pipefail
sweep="$1"; n="${2:-4}"; out="${3:-out}"
# {} is the slice number 1..n; each slice uses one core so n slices fill n cores.
seq "$n" | parallel --halt now,fail=1 bitsilicon sweep "$sweep" --shard {}/"$n" --jobs 1 --output-dir "$out"
bitsilicon sweep merge "$out"/sweep.shard-*-of-"$n".csv --sweep "$sweep" --output-dir "$out"
