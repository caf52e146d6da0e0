#!/usr/bin/env bash
# RSS of a distributed TSA (issue 17: a `cctsa-signer` < 150 MB, the control plane < 500 MB under
# load): `cctsa serve` + five `cctsa-signer` processes on a throwaway PostgreSQL database and RabbitMQ
# vhost, started as the README's "Without Docker" section does; VmRSS/VmHWM of every process idle
# after the DKG and every 2 s during `cctsa bench --url`, then smaps_rollup of each signer.
# Build first: dotnet build src/Cli -c Release; dotnet build src/Signer -c Release.
# Environment: CCTSA_PG (admin connection), CCTSA_AMQP, BENCH_SECONDS (15), BENCH_CONCURRENCY (64),
# BENCH_POLICY (ed25519), SIGNER_ENV ("VAR=value …" added to each signer's environment only),
# KEEP_DIR (the run folder is kept, for smaps).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_ADMIN=${CCTSA_PG:-"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=cctsa"}
AMQP_BASE=${CCTSA_AMQP:-"amqp://guest:guest@127.0.0.1:5672/"}
SECONDS_=${BENCH_SECONDS:-15}; CONC=${BENCH_CONCURRENCY:-64}; POLICY=${BENCH_POLICY:-ed25519}
CLI=src/Cli/bin/Release/net10.0/cctsa.dll; SIGNER=src/Signer/bin/Release/net10.0/cctsa-signer.dll
[ -f "$CLI" ] && [ -f "$SIGNER" ] || { echo "build src/Cli and src/Signer in Release first" >&2; exit 2; }

NAME=cctsa_mem_$(date +%s)_$$
DIR=$(mktemp -d /tmp/cctsa-mem-XXXXXX)
PORT=$((20000 + RANDOM % 20000))
pg_field() { echo "$PG_ADMIN" | tr ';' '\n' | sed -n "s/^$1=//Ip" | head -1; }
PGHOST=$(pg_field Host); PGPORT=$(pg_field Port); PGUSER=$(pg_field Username); export PGPASSWORD=$(pg_field Password)
psql -q -h "$PGHOST" -p "${PGPORT:-5432}" -U "$PGUSER" -d "$(pg_field Database)" -c "CREATE DATABASE \"$NAME\"" >/dev/null
PG="Host=$PGHOST;Port=${PGPORT:-5432};Username=$PGUSER;Password=$PGPASSWORD;Database=$NAME"
MUSER=$(echo "$AMQP_BASE" | sed -E 's#amqp://([^:]*):.*#\1#'); MPASS=$(echo "$AMQP_BASE" | sed -E 's#amqp://[^:]*:([^@]*)@.*#\1#')
MHOST=$(echo "$AMQP_BASE" | sed -E 's#.*@([^:/]*).*#\1#')
MGMT="http://$MHOST:15672/api"
curl -sf -u "$MUSER:$MPASS" -X PUT "$MGMT/vhosts/$NAME" >/dev/null
curl -sf -u "$MUSER:$MPASS" -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' "$MGMT/permissions/$NAME/$MUSER" >/dev/null
AMQP="${AMQP_BASE%/}/$NAME"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  curl -sf -u "$MUSER:$MPASS" -X DELETE "$MGMT/vhosts/$NAME" >/dev/null || true
  psql -q -h "$PGHOST" -p "${PGPORT:-5432}" -U "$PGUSER" -d "$(pg_field Database)" -c "DROP DATABASE IF EXISTS \"$NAME\" WITH (FORCE)" >/dev/null || true
  [ -n "${KEEP_DIR:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT

CA=$(dotnet "$CLI" ca init --data "$DIR/data")
declare -A ROLE
providers=(azure azure gcp gcp third)
for i in 1 2 3 4 5; do
  env ${SIGNER_ENV:-} dotnet "$SIGNER" --id n$i --provider "${providers[$((i - 1))]}" --amqp "$AMQP" \
    --sim-root "$DIR/sim" --simulated-time --tsa-ca "$CA" >"$DIR/n$i.log" 2>&1 &
  PIDS+=($!); ROLE[$!]=n$i
done
until [ -f "$DIR/sim/simulated-amd-root.crt" ]; do sleep 1; done
dotnet "$CLI" serve --amqp "$AMQP" --data "$DIR/data" --pg "$PG" --port "$PORT" \
  --simulated-root "$DIR/sim/simulated-amd-root.crt" >"$DIR/serve.log" 2>&1 &
PIDS+=($!); ROLE[$!]=serve

url=http://127.0.0.1:$PORT
for _ in $(seq 1 300); do
  curl -sf "$url/api/cluster" 2>/dev/null | grep -qi '"healthy"' && break; sleep 2
done
curl -sf "$url/api/cluster" | grep -qi '"healthy"' || { echo "cluster not healthy after 600 s; logs in $DIR" >&2; KEEP_DIR=1; exit 1; }

status() { awk -v k="$2" '$1 == k":" { print int($2 / 1024) }' "/proc/$1/status"; }
report() { # label
  for p in "${PIDS[@]}"; do printf '%s %s VmRSS=%s MB VmHWM=%s MB threads=%s\n' "$1" "${ROLE[$p]}" "$(status "$p" VmRSS)" "$(status "$p" VmHWM)" "$(awk '$1 == "Threads:" { print $2 }' "/proc/$p/status")"; done
}
echo "healthy at $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg); waiting 30 s for the post-DKG pool refills"
sleep 30
report idle
peak_file=$DIR/peak; : >"$peak_file"
( while :; do for p in "${PIDS[@]}"; do echo "${ROLE[$p]} $(status "$p" VmRSS)"; done >>"$peak_file"; sleep 2; done ) &
SAMPLER=$!
cpu_ms() { local t=0; for p in "${PIDS[@]}"; do [ "${ROLE[$p]}" = serve ] && continue; t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo $((t * 1000 / $(getconf CLK_TCK))); }
cpu_before=$(cpu_ms)
dotnet "$CLI" bench --url "$url/tsa" --seconds "$SECONDS_" --concurrency "$CONC" --warmup 5 --policy "$POLICY" --json "$DIR/bench.json" >"$DIR/bench.log" 2>&1
kill "$SAMPLER"
cpu_after=$(cpu_ms)
field() { tr -d '\n ' <"$DIR/bench.json" | grep -oE "\"$1\":[0-9.]+" | head -1 | cut -d: -f2; }
tokens=$(field tokens)
echo "bench: $tokens tokens, $(field tokensPerSecond) tokens/s, p50 $(field p50Ms) ms, p99 $(field p99Ms) ms, errors $(field errors), baseline $(field baselineTokensPerSecond) tokens/s; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "five signers' CPU: $((cpu_after - cpu_before)) ms, $(awk -v c=$((cpu_after - cpu_before)) -v t="$tokens" 'BEGIN { printf "%.2f", c / t }') CPU-ms per token"
awk '{ if ($2 > max[$1]) max[$1] = $2 } END { for (r in max) printf "load-max %s VmRSS=%s MB\n", r, max[r] }' "$peak_file" | sort
report after
for p in "${PIDS[@]}"; do
  [ "${ROLE[$p]}" = n1 ] || [ "${ROLE[$p]}" = serve ] || continue
  # anonymous (GC heap, malloc arenas, stacks), memfd:doublemapper (JIT code and loader heaps under
  # W^X), file-backed (assemblies, native libraries); Locked = the mlock'd secret slabs
  awk -v who="${ROLE[$p]}" '/^[0-9a-f]+-[0-9a-f]+ / { name = NF >= 6 ? $6 : "[anon]"; kind = name == "[anon]" || name ~ /^\[(heap|stack)/ ? "anon" : name ~ /doublemapper/ ? "jit" : "file" }
    $1 == "Rss:" { rss[kind] += $2 } $1 == "Locked:" { locked += $2 }
    END { printf "smaps %s: anonymous %d MB, JIT/loader (doublemapper) %d MB, file-backed %d MB, locked %d kB\n", who, rss["anon"] / 1024, rss["jit"] / 1024, rss["file"] / 1024, locked }' "/proc/$p/smaps"
  [ -z "${KEEP_DIR:-}" ] || cp "/proc/$p/smaps" "$DIR/smaps-${ROLE[$p]}"
done
[ -z "${KEEP_DIR:-}" ] || echo "kept $DIR"
