#!/usr/bin/env bash
# `bash bench/startup.sh [runs]`: whole-process start-up, as a user or a script sees it.
# Each command runs `runs` times (default 5) under /usr/bin/time; it prints the median wall
# time, CPU time (user + system) and peak RSS (of the largest process: npm's, or node's).
#   ask:     echo "who founded openai" | npm run --silent feud -- ask --json   (target ≤ 0.5 s, ≤ 90 MB)
#   console: one piped question to `npm start`, then end of input              (target ≤ 0.7 s)
# and the same two without npm's wrapper (node dist/…), plus bare `node -e 0` and npm running its
# built-in `env` script, so the table shows where the time goes. Uses the node first on PATH; a throwaway database; never reads ./.env.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export FEUD_ENV_FILE='' FEUD_DB_PATH="$scratch/feud.db" LOG_LEVEL=warn

# One run: prints "wall_s cpu_s peak_kb"; fails loudly if the command fails or prints nothing.
measure_once() {
  local input=$1; shift
  printf '%s\n' "$input" | /usr/bin/time -o "$scratch/time" -f '%e %U %S %M' "$@" >"$scratch/out" 2>"$scratch/err" || {
    echo "bench/startup: '$*' failed:" >&2; cat "$scratch/err" >&2; exit 1; }
  if [ "$input" != '' ] && ! [ -s "$scratch/out" ]; then echo "bench/startup: '$*' printed no answer" >&2; exit 1; fi
  awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$scratch/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

row() {
  local label=$1 input=$2; shift 2
  measure_once "$input" "$@" >/dev/null # warm the file cache; not counted
  : >"$scratch/runs"
  for _ in $(seq "$runs"); do measure_once "$input" "$@" >>"$scratch/runs"; done
  local wall cpu peak
  wall=$(cut -d' ' -f1 "$scratch/runs" | median)
  cpu=$(cut -d' ' -f2 "$scratch/runs" | median)
  peak=$(cut -d' ' -f3 "$scratch/runs" | median)
  printf '%-66s %7.2f %7.2f %8.1f\n' "$label" "$wall" "$cpu" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')"
}

echo "start-up, medians of $runs, Node $(node --version), npm $(npm --version), $(nproc) cores"
printf '%-66s %7s %7s %8s\n' command 'wall s' 'cpu s' 'peak MB'
row 'node -e 0' '' node -e 0
row "npm run --silent env (npm's own start: no project code)" '' npm run --silent env
row 'echo "who founded openai" | npm run --silent feud -- ask --json' 'who founded openai' npm run --silent feud -- ask --json
[ -f dist/cli.js ] && row 'echo "who founded openai" | node dist/cli.js ask --json' 'who founded openai' node dist/cli.js ask --json
row 'echo "/feud who founded OpenAI" | npm start' '/feud who founded OpenAI' npm start
[ -f dist/main.js ] && row 'echo "/feud who founded OpenAI" | node dist/main.js' '/feud who founded OpenAI' node dist/main.js
exit 0
