#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what is missing, starts PostgreSQL
# and RabbitMQ on loopback when they are not running (idempotent), exports CCTSA_PG / CCTSA_AMQP,
# installs the Node verifiers of tests/interop, builds the solution, runs its scenarios beside its
# unit-test projects, and ends with one summary line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
log() { printf '[test.sh] %s\n' "$*" >&2; }

need_pkgs=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_pkgs+=(postgresql)
command -v rabbitmq-server >/dev/null 2>&1 || need_pkgs+=(rabbitmq-server)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v node >/dev/null 2>&1 || need_pkgs+=(nodejs npm)
# Compose only validates compose/ here; without recommends so no Docker engine comes along
# (a running engine would switch the test fixtures to Testcontainers).
lean_pkgs=()
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || lean_pkgs+=(docker-compose)
# promtool / amtool check deploy/prometheus (only the check tools are used, not the daemons)
command -v promtool >/dev/null 2>&1 || lean_pkgs+=(prometheus)
command -v amtool >/dev/null 2>&1 || lean_pkgs+=(prometheus-alertmanager)
# haproxy -c checks the load balancer configuration of compose/ (the daemon is not run)
command -v haproxy >/dev/null 2>&1 || lean_pkgs+=(haproxy)
# chronyd is the local NTS server of the NTS client tests (started per test with -x: it never sets the clock)
[ -x /usr/sbin/chronyd ] || command -v chronyd >/dev/null 2>&1 || lean_pkgs+=(chrony)
# faketime (libfaketime) runs one chronyd 2 s ahead: a real NTS server that lies (LyingNtsServerTests)
command -v faketime >/dev/null 2>&1 || lean_pkgs+=(faketime)
if [ $((${#need_pkgs[@]} + ${#lean_pkgs[@]})) -gt 0 ]; then
  log "installing ${need_pkgs[*]} ${lean_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  [ ${#need_pkgs[@]} -eq 0 ] || apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  [ ${#lean_pkgs[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${lean_pkgs[@]}" >/dev/null
fi

# --- PostgreSQL on 127.0.0.1:5432 -----------------------------------------------------------
PG_PORT=${CCTSA_PG_PORT:-5432}
if ! pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$ver/main"; then
    log "creating PostgreSQL $ver cluster"
    pg_createcluster "$ver" main -p "$PG_PORT" >/dev/null
  fi
  log "starting PostgreSQL $ver"
  pg_ctlcluster "$ver" main start || true
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p "$PG_PORT" -q && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p "$PG_PORT" -q || { log "PostgreSQL did not start"; exit 1; }
fi
su postgres -c "psql -q -p $PG_PORT -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
su postgres -c "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname='cctsa'\"" | grep -q 1 \
  || su postgres -c "createdb -p $PG_PORT cctsa"
export CCTSA_PG="${CCTSA_PG:-Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=cctsa}"

# --- RabbitMQ on 127.0.0.1:5672 -------------------------------------------------------------
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  log "starting RabbitMQ"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  (rabbitmq-server -detached >/dev/null 2>&1 || service rabbitmq-server start >/dev/null 2>&1 || true)
  for _ in $(seq 1 120); do rabbitmq-diagnostics -q ping >/dev/null 2>&1 && break; sleep 1; done
  rabbitmq-diagnostics -q ping >/dev/null 2>&1 || { log "RabbitMQ did not start"; exit 1; }
fi
rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 || true
export CCTSA_AMQP="${CCTSA_AMQP:-amqp://guest:guest@127.0.0.1:5672/}"

# --- Node verifiers (tests/interop) --------------------------------------------------------
if [ -f tests/interop/package.json ]; then
  (cd tests/interop && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi) >/dev/null
fi

# --- the suite ------------------------------------------------------------------------------
# Build once, then two streams side by side for the whole run, never more (on two cores a third
# starved a distributed scenario's coordinator past its deadline, 2026-12-06, and running the
# failure matrix's halves in parallel lost a request, 2026-12-07): the scenarios, whose failure
# matrix runs one scenario at a time and mostly waits, and the unit-test projects one after another
# (tests/Units.slnf, -m:1). Every test project of the solution is in one of the two
# (SuiteLayoutTests checks it). The scenarios' output follows the units' when both are done, then
# the slowest tests of the run (from the trx logs), so a CI log shows where the budget goes.
out=$(mktemp)
scenarios=$(mktemp)
results=$(mktemp -d)
set +e
dotnet build CcTsa.EventSourced.sln -c Release --nologo -v q 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then
  dotnet test tests/Scenarios/CcTsa.Scenarios.csproj -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=scenarios" --results-directory "$results" "$@" > "$scenarios" 2>&1 &
  scenarios_pid=$!
  dotnet test tests/Units.slnf -c Release --no-build --nologo -m:1 \
    --logger "trx;LogFilePrefix=units" --results-directory "$results" "$@" 2>&1 | tee -a "$out"
  rc=${PIPESTATUS[0]}
  wait "$scenarios_pid"
  src=$?
  tee -a "$out" < "$scenarios"
  [ "$rc" -ne 0 ] || rc=$src
fi
rm -f "$scenarios"
log "slowest tests (h:mm:ss):"
find "$results" -name '*.trx' -exec grep -ho '<UnitTestResult [^>]*' {} + \
  | sed -nE 's/.* testName="([^"]*)".* duration="([^"]*)".*/\2  \1/p' | sort -r | head -20 | sed 's/^/  /' >&2 || true
rm -rf "$results"
set -e
awk '
  /(Passed|Failed)! +- +Failed: / {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$out"
rm -f "$out"
exit "$rc"
