#!/usr/bin/env bash
# The archive as it runs on several machines, all on this one, on loopback, from
# Debian's packages: PostgreSQL 15 primary and hot standby (pg_basebackup -R),
# PgBouncer in transaction mode in front of the primary, Redis for the shared page
# cache, two gunicorn app servers with production settings, and nginx in front,
# balancing the two and caching what Cache-Control allows.
#
#   deploy/cluster.sh test            start everything, run tests_cluster/, stop everything
#   deploy/cluster.sh up | down       start, or stop (by the pid files it wrote)
#   deploy/cluster.sh install         only install the Debian packages (make bench does)
#   deploy/cluster.sh standby-stop | standby-start
#
# Ports and directories are its own (CLUSTER_DIR, default var/cluster): it never
# touches another PostgreSQL cluster on the machine. README "Running on real hosts"
# says which parts of this to copy to real machines.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEPLOY="$ROOT/deploy"
BIN="$ROOT/.venv/bin"
PG=/usr/lib/postgresql/15/bin

# Below Linux's ephemeral range (32768-60999): a port there can be held at any moment
# by some client's outgoing connection (a browser test's, a suite's), and the server
# then fails to bind it ("Address already in use"), as a CI run once did.
PRIMARY_PORT=${PRIMARY_PORT:-25432}
STANDBY_PORT=${STANDBY_PORT:-25433}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-26432}
REDIS_PORT=${REDIS_PORT:-26379}
APP_PORTS=(${APP_PORTS:-28001 28002})
PROXY_PORT=${PROXY_PORT:-28080}
DB_PASSWORD=archive-cluster
REPLICATION_PASSWORD=replication-cluster

log() { echo "[cluster] $*"; }

# CLUSTER_DIR must be reachable by the postgres and nginx users; under a home
# directory that others may not enter, a directory of its own in /tmp is used.
cluster_dir() {
  local wanted="${CLUSTER_DIR:-$ROOT/var/cluster}"
  mkdir -p "$wanted"
  if su postgres -s /bin/sh -c "test -x '$wanted'" 2>/dev/null; then
    echo "$wanted"
  else
    local fallback=/tmp/archive-cluster
    mkdir -p "$fallback" && chmod 755 "$fallback"
    echo "$fallback"
  fi
}

install_packages() {
  local missing=()
  [ -x "$PG/postgres" ] || missing+=(postgresql-15)
  command -v pgbouncer >/dev/null || missing+=(pgbouncer)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing Debian's ${missing[*]}"
  # The packages' own services stay stopped: this script runs its own copies.
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

as_postgres() { su postgres -s /bin/sh -c "$*"; }
psql_primary() { as_postgres "$PG/psql -h '$DIR/run' -p $PRIMARY_PORT -d ${2:-postgres} -v ON_ERROR_STOP=1 -qtAc \"$1\""; }

start_postgres() {
  local name=$1 port=$2
  as_postgres "$PG/pg_ctl -D '$DIR/$name' -l '$DIR/log/$name.log' -w -t 60 \
    -o '-p $port -k $DIR/run -c listen_addresses=127.0.0.1' start" >/dev/null
}

up() {
  install_packages
  DIR=$(cluster_dir)
  down_quietly
  rm -rf "${DIR:?}"/{primary,standby,pgbouncer,redis,nginx,app,run,log}
  mkdir -p "$DIR"/{run,log,pgbouncer,redis,nginx/cache,nginx/temp,app}
  mkdir -p "$DIR/primary" "$DIR/standby" && chmod 700 "$DIR/primary" "$DIR/standby"
  chown postgres:postgres "$DIR/run" "$DIR/log" "$DIR/pgbouncer" "$DIR/primary" "$DIR/standby"
  chmod 777 "$DIR/log"
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/secret"

  log "PostgreSQL 15 primary on 127.0.0.1:$PRIMARY_PORT"
  as_postgres "$PG/initdb -D '$DIR/primary' -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
  cat "$DEPLOY/postgresql.conf" >>"$DIR/primary/postgresql.conf"
  cat "$DEPLOY/pg_hba.conf" >"$DIR/primary/pg_hba.conf"
  start_postgres primary "$PRIMARY_PORT"
  psql_primary "CREATE ROLE archive LOGIN PASSWORD '$DB_PASSWORD'"
  psql_primary "CREATE ROLE replicator REPLICATION LOGIN PASSWORD '$REPLICATION_PASSWORD'"
  psql_primary "CREATE DATABASE archive OWNER archive"
  # PgBouncer drops each connection's startup `options`, where the app asks for its limits
  # (archive/deployment/environment.py): the role carries the web's limits instead. A command
  # connecting directly still sets its own, which override these.
  for limit in "statement_timeout = '30s'" "lock_timeout = '5s'" \
    "idle_in_transaction_session_timeout = '1min'" "client_connection_check_interval = '5s'"; do
    psql_primary "ALTER ROLE archive IN DATABASE archive SET $limit"
  done

  log "hot standby on 127.0.0.1:$STANDBY_PORT (pg_basebackup -R)"
  as_postgres "PGPASSWORD='$REPLICATION_PASSWORD' $PG/pg_basebackup -h 127.0.0.1 \
    -p $PRIMARY_PORT -U replicator -D '$DIR/standby' -R -X stream -c fast"
  start_postgres standby "$STANDBY_PORT"

  log "PgBouncer (transaction pooling) on 127.0.0.1:$PGBOUNCER_PORT"
  sed -e "s|@DIR@|$DIR|g" -e "s|@PRIMARY_PORT@|$PRIMARY_PORT|g" \
    -e "s|@PGBOUNCER_PORT@|$PGBOUNCER_PORT|g" "$DEPLOY/pgbouncer.ini" >"$DIR/pgbouncer/pgbouncer.ini"
  printf '"archive" "%s"\n' "$DB_PASSWORD" >"$DIR/pgbouncer/userlist.txt"
  chown -R postgres:postgres "$DIR/pgbouncer" && chmod 600 "$DIR/pgbouncer/userlist.txt"
  as_postgres "pgbouncer -d '$DIR/pgbouncer/pgbouncer.ini'"

  log "Redis on 127.0.0.1:$REDIS_PORT"
  redis-server "$DEPLOY/redis.conf" --port "$REDIS_PORT" --dir "$DIR/redis" \
    --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/log/redis.log" --daemonize yes

  export_app_environment
  log "migrating the primary and loading the seeds (directly, as a deploy step would)"
  DATABASE_URL="postgres://archive:$DB_PASSWORD@127.0.0.1:$PRIMARY_PORT/archive" \
    DATABASE_REPLICA_URLS="" DATABASE_POOLER="" "$BIN/python" manage.py migrate --no-input -v 0
  DATABASE_URL="postgres://archive:$DB_PASSWORD@127.0.0.1:$PRIMARY_PORT/archive" \
    DATABASE_REPLICA_URLS="" DATABASE_POOLER="" "$BIN/python" manage.py load_seeds >/dev/null
  printf '%s\n' "$EDITOR_PASSWORD" | "$BIN/python" manage.py create_editor cluster-reviewer \
    --reviewer --password-from-stdin >/dev/null
  "$BIN/python" manage.py collectstatic --no-input -v 0

  local number=0
  for port in "${APP_PORTS[@]}"; do
    number=$((number + 1))
    log "app server $number: gunicorn on 127.0.0.1:$port"
    PGAPPNAME="archive-app$number" GUNICORN_BIND="127.0.0.1:$port" \
      "$BIN/gunicorn" -c gunicorn.conf.py --daemon --pid "$DIR/app/app$number.pid" \
      --control-socket "$DIR/app/app$number.ctl" --capture-output \
      --access-logfile "$DIR/log/app$number.access.log" --error-logfile "$DIR/log/app$number.log"
  done
  # Serving before nginx sends them anything: a refused connection marks a server down.
  for port in "${APP_PORTS[@]}"; do wait_for "http://127.0.0.1:$port/healthz"; done

  log "nginx on 127.0.0.1:$PROXY_PORT, balancing ${APP_PORTS[*]}"
  chown -R nobody "$DIR/nginx/cache" "$DIR/nginx/temp"
  local servers=""
  for port in "${APP_PORTS[@]}"; do servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;\n"; done
  sed -e "s|@DIR@|$DIR|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" -e "s|@SERVERS@|$servers|" \
    "$DEPLOY/nginx.conf" >"$DIR/nginx/nginx.conf"
  nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"

  wait_for "http://127.0.0.1:$PROXY_PORT/healthz"
  write_env
  log "up: http://127.0.0.1:$PROXY_PORT/"
}

export_app_environment() {
  # Production settings: DEBUG off, a secret key, the hosts served, and the databases,
  # the pooler and the shared cache from the environment (archive/deployment/).
  export DEBUG=false
  export SECRET_KEY="cluster-test-$(cat "$DIR/secret")"
  export ALLOWED_HOSTS="127.0.0.1,localhost"
  export SECURE_COOKIES=false
  # Plain HTTP on loopback: no redirect to HTTPS, no HSTS; nginx on 127.0.0.1 is the trusted proxy.
  export SECURE_SSL_REDIRECT=false
  export SECURE_HSTS_SECONDS=0
  export TRUSTED_PROXIES=127.0.0.1
  export DATABASE_URL="postgres://archive:$DB_PASSWORD@127.0.0.1:$PGBOUNCER_PORT/archive"
  export DATABASE_POOLER=pgbouncer
  export DATABASE_REPLICA_URLS="postgres://archive:$DB_PASSWORD@127.0.0.1:$STANDBY_PORT/archive"
  export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
  export EDITOR_PASSWORD="cluster-review-$(cat "$DIR/secret")"
}

# What tests_cluster/ reads: where each part listens.
write_env() {
  cat >"$DIR/cluster.env" <<EOF
CLUSTER_DIR=$DIR
PROXY_URL=http://127.0.0.1:$PROXY_PORT
APP_URLS=$(printf 'http://127.0.0.1:%s,' "${APP_PORTS[@]}" | sed 's/,$//')
PRIMARY_DSN="host=$DIR/run port=$PRIMARY_PORT dbname=archive user=postgres"
STANDBY_DSN="host=$DIR/run port=$STANDBY_PORT dbname=archive user=postgres"
PGBOUNCER_PORT=$PGBOUNCER_PORT
DB_PASSWORD=$DB_PASSWORD
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
EDITOR_NAME=cluster-reviewer
EDITOR_PASSWORD=$EDITOR_PASSWORD
EOF
}

wait_for() {
  "$BIN/python" - "$1" <<'PY' || { echo "[cluster] $1 did not answer" >&2; return 1; }
import sys, time, urllib.request
for _ in range(120):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as answer:
            if answer.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
PY
}

stop_pid() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(head -1 "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop_postgres() {
  local name=$1
  [ -f "$DIR/$name/postmaster.pid" ] &&
    as_postgres "$PG/pg_ctl -D '$DIR/$name' -m fast -w stop" >/dev/null 2>&1 || true
}

down_quietly() {
  stop_pid "$DIR/nginx/nginx.pid"
  for file in "$DIR"/app/app*.pid; do [ -e "$file" ] && stop_pid "$file"; done
  stop_pid "$DIR/redis/redis.pid"
  stop_pid "$DIR/pgbouncer/pgbouncer.pid"
  stop_postgres standby
  stop_postgres primary
}

down() {
  DIR=$(cluster_dir)
  down_quietly
  log "down: nothing of the cluster is running"
}

run_tests() {
  trap down EXIT
  up
  set -a && . "$DIR/cluster.env" && set +a
  "$BIN/pytest" tests_cluster -p no:cacheprovider -c tests_cluster/pytest.ini
}

case "${1:-}" in
  install) install_packages ;;
  up) up ;;
  down) down ;;
  test) run_tests ;;
  standby-stop) DIR=$(cluster_dir) && stop_postgres standby ;;
  standby-start) DIR=$(cluster_dir) && start_postgres standby "$STANDBY_PORT" ;;
  *) echo "usage: $0 test|install|up|down|standby-stop|standby-start" >&2; exit 2 ;;
esac
