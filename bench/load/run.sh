#!/usr/bin/env bash
# Web load test: gunicorn on the seeded database (bench/load/seed.py first), locust's mix of
# 50 people for 5 minutes, then the claims list against the bare DRF endpoint (1 minute each),
# then a summary. gunicorn, PostgreSQL, Redis and locust all run on this machine and share
# its cores: the figures are this machine's whole, not the server's alone; after each run,
# bench/cpu.py splits the CPU time spent per request between server and client.
#
#   bench/load/run.sh
#
# Environment (defaults in brackets):
#   LOAD_DATABASE_URL  [postgres://postgres@127.0.0.1:5432/factcheck_load]
#   LOAD_TOKENS        the seed's tokens file [/tmp/factcheck_load_tokens.txt]
#   LOAD_OUT           CSV output and records [/tmp/factcheck_load]
#   LOAD_USERS [50]  LOAD_SPAWN_RATE [10]  LOAD_RUN_TIME [5m]  (0 skips the mix)
#   LOAD_RATIO_USERS [50, one token each]
#   LOAD_RATIO_TIME [1m]  (0 skips the ratio runs)
#   LOAD_BIND [127.0.0.1:8765]  WEB_CONCURRENCY [2 x cores + 1, as scripts/serve]
#   REDIS_URL [redis://127.0.0.1:6379/13 when a Redis answers there: cache, sessions, counters]
#   CONN_MAX_AGE [60: kept connections, as docs/deployment.md advises]
set -euo pipefail
cd "$(dirname "$0")/../.."

database=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/factcheck_load}
tokens=${LOAD_TOKENS:-/tmp/factcheck_load_tokens.txt}
out=${LOAD_OUT:-/tmp/factcheck_load}
bind=${LOAD_BIND:-127.0.0.1:8765}
host="http://$bind"
mkdir -p "$out"
[ -s "$tokens" ] || { echo "No tokens in $tokens: run bench/load/seed.py first." >&2; exit 2; }

export DJANGO_SETTINGS_MODULE=bench.load.settings
export DATABASE_URL=$database
export SECRET_KEY=${SECRET_KEY:-load-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}
export STATIC_ROOT=${STATIC_ROOT:-$out/static}
export BIND=$bind FACTCHECK_SERVE_NO_INSTALL=1
if [ -z "${REDIS_URL+set}" ] && .venv/bin/python -c \
  "import redis; redis.Redis(socket_timeout=1).ping()" 2>/dev/null; then
  export REDIS_URL=redis://127.0.0.1:6379/13
fi
export FACTCHECK_LOAD_TOKENS=$tokens
# The ratio runs send each token more than the 600 requests a minute people are allowed, and a
# refused (429) answer is cheaper than a real one; the limit is still checked on every request.
export FACTCHECK_THROTTLE_USER=${FACTCHECK_THROTTLE_USER:-100000/minute}

echo "machine: $(nproc) cores, $(uname -m); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: gunicorn, ${WEB_CONCURRENCY:-$(( 2 * $(nproc) + 1 ))} workers, on $bind;" \
  "database ${database##*/}; cache ${REDIS_URL:-per process}"
# scripts/serve migrates, collects the static files and starts gunicorn as in production.
scripts/serve > "$out/gunicorn.log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$host/healthz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { tail -20 "$out/gunicorn.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "$host/healthz" > /dev/null

locust() {
  local name=$1 users=$2 rate=$3 time=$4 class=$5
  FACTCHECK_LOAD_RECORD="$out/$name.tsv" .venv/bin/python bench/cpu.py run \
    "$out/$name.cpu.json" -- .venv/bin/locust -f bench/load/locustfile.py \
    --host "$host" --users "$users" --spawn-rate "$rate" --run-time "$time" --headless \
    --csv "$out/$name" --only-summary --loglevel WARNING "$class" > "$out/$name.log" 2>&1
  local count
  count=$(wc -l < "$out/$name.tsv")
  echo "$name: $count requests; locust's own report in $out/$name.log"
  echo "  $(.venv/bin/python bench/cpu.py report "$out/$name.cpu.json" "$count")"
}

summary=()
if [ "${LOAD_RUN_TIME:-5m}" != 0 ]; then
  locust mix "${LOAD_USERS:-50}" "${LOAD_SPAWN_RATE:-10}" "${LOAD_RUN_TIME:-5m}" Desk
  echo "load average after the mix: $(cut -d' ' -f1-3 /proc/loadavg)"
  summary=(--mix "$out/mix.tsv")
fi
if [ "${LOAD_RATIO_TIME:-1m}" != 0 ]; then
  ratio_users=${LOAD_RATIO_USERS:-50}
  locust claims "$ratio_users" "$ratio_users" "${LOAD_RATIO_TIME:-1m}" ClaimsList
  locust bare "$ratio_users" "$ratio_users" "${LOAD_RATIO_TIME:-1m}" Bare
  summary+=(--ratio "$out/claims.tsv" "$out/bare.tsv")
fi
echo "server errors logged: $(grep -c '"level": "ERROR"' "$out/gunicorn.log" || true);" \
  "5xx in the access log: $(grep -cE '" 5[0-9]{2} ' "$out/gunicorn.log" || true)"
echo
.venv/bin/python bench/load/summary.py "${summary[@]}"
