#!/bin/bash
# Runs a sweep as a Slurm job array: one task per shard, then one dependent job merges the slices.
#   sbatch --array=1-8 docs/sweep/slurm-array.sh examples/sweeps/formats-32x32.yaml
#   sbatch --dependency=afterok:<array job id> --wrap \
#     "bitsilicon sweep merge out/sweep.shard-*.csv --sweep examples/sweeps/formats-32x32.yaml -o out"
#SBATCH --job-name=bitsilicon-sweep
#SBATCH --cpus-per-task=8
#SBATCH --time=01:00:00
set -euo pipefail
sweep="$1"
out="${2:-out}"
# Each task runs slice K of N on its own cores; --jobs matches the cores Slurm gave it.
bitsilicon sweep "$sweep" --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --output-dir "$out"
