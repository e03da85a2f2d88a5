#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing, starts the servers they use
# on 127.0.0.1 (a private PostgreSQL cluster and a Redis server), runs the suite, stops the servers, and ends with
# one line "N passed, N failed, N skipped". Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
work=$(mktemp -d /tmp/udmoentning-test.XXXXXX)
pg_bin=""

log() { printf '\n== %s\n' "$*"; }

install_missing() {
  local missing=()
  command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  # Two spreadsheet readers that share no code with the app's, to read back what it exports.
  /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing+=(python3-openpyxl)
  perl -MSpreadsheet::ParseXLSX -e 1 >/dev/null 2>&1 || missing+=(libspreadsheet-parsexlsx-perl)
  # A real SMTP server for the mail tests (each test class starts its own on a free port), and a second iCalendar parser.
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  /usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1 || missing+=(python3-icalendar)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "Missing packages: ${missing[*]}. Install them (sudo apt-get install -y ${missing[*]}) or run as root." >&2
      exit 2
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  local port; port=$(free_port)
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$work" "$work/pg"
  log "Starting PostgreSQL on 127.0.0.1:$port"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  export UDM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

start_redis() {
  local port; port=$(free_port)
  log "Starting Redis on 127.0.0.1:$port"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export UDM_TEST_REDIS="127.0.0.1:$port,abortConnect=false,connectTimeout=2000"
}

stop_servers() {
  if [ -f "$work/redis.pid" ]; then
    kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  fi
  if [ -n "$pg_bin" ] && [ -f "$work/pg/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop_servers EXIT

install_missing
start_postgres
start_redis

log "Building"
dotnet build "$root/Udmoentning.slnx" -c Release -warnaserror -nologo -v q

log "Testing"
# The result file stays after the run (artifacts/test-results/results.trx) so a slow or failed test can be looked at.
results="$root/artifacts/test-results"
rm -rf "$results"
export UDM_TEST_APP_STARTS="$work/app-starts"
# No profile-guided re-compiling in the test process and the app processes it starts: the suite runs most code a few
# times, so the extra instrumented compile of each hot method costs more than it returns. Measured on EconomyTests, three
# interleaved runs each: 88.6 → 76.6 CPU-seconds (median). Tests only: the app's own runtime settings are untouched.
export DOTNET_TieredPGO=0
set +e
dotnet test "$root/Udmoentning.slnx" -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

# One summary line over every test assembly, counted from the result files.
python3 - "$results" "$work/app-starts" <<'PY'
import collections, glob, os, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout"))
    skipped += int(c.get("notExecuted"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
# Where the suite's time goes, so a class that grows slow shows before the suite outgrows its budget.
classes = {}
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(f).getroot().findall(".//{*}UnitTestResult"):
        h, m, s = r.get("duration", "0:0:0").split(":")
        name = r.get("testName", "").split("(")[0].rsplit(".", 1)[0]
        classes[name] = classes.get(name, 0) + int(h) * 3600 + int(m) * 60 + float(s)
folders = {}
for name, seconds in classes.items():
    folder = name.split(".")[2] if name.count(".") >= 3 else name
    folders[folder] = folders.get(folder, 0) + seconds
print("Test time by folder (seconds; the EndToEnd classes run in two chains beside each other, MultiNodeTests and the page tours beside those):")
print("  " + ", ".join(f"{folder} {seconds:.0f}" for folder, seconds in sorted(folders.items(), key=lambda f: -f[1])))
print("Slowest test classes (seconds of test time; classes run in parallel):")
for name, seconds in sorted(classes.items(), key=lambda c: -c[1])[:12]:
    print(f"  {seconds:6.1f}  {name}")
# Each start of the app costs seconds; a class that starts it per test shows here.
starts = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")] if os.path.exists(sys.argv[2]) else []
kinds = collections.Counter(k for k, _ in starts)
print(f"App starts: {len(starts)} ({kinds['in-process']} in the test process, {kinds['process']} as processes); most by class:")
print("  " + ", ".join(f"{c.rsplit('.', 1)[-1]} {n}" for c, n in collections.Counter(c for _, c in starts).most_common(8)))
if passed + failed == 0: sys.exit(1)
PY
exit "$status"
