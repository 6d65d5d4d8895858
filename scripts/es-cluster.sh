#!/usr/bin/env bash
# A three-node Elasticsearch cluster on loopback, for the elasticsearch backend's tests, eval
# and bench. Everything lives in the git-ignored .cache/es/: the distribution (fetched once from
# Maven Central with mvn), and per node its config, data, logs and pid file.
#
#   scripts/es-cluster.sh start             # fetch if needed, start 3 nodes, wait for green
#   scripts/es-cluster.sh stop              # SIGTERM every node, wait for it to exit
#   scripts/es-cluster.sh status            # which nodes run, and the cluster health
#   scripts/es-cluster.sh stop-node N       # stop node N (1-3) only: fault drills
#   scripts/es-cluster.sh start-node N      # start node N again (does not wait for green)
#   scripts/es-cluster.sh wait [STATUS]     # wait for green (or yellow)
#   scripts/es-cluster.sh clean             # stop, then delete data and logs (keeps the download)
#
# Loopback only, security off: a test cluster, not a deployment (see docs/elasticsearch.md).
set -euo pipefail

# Elastic publishes the JDK-less integ-test-zip on Maven Central; 8.19.21 is the newest there
# (no 9.x release of this artifact has been published to Central).
ES_VERSION="${ES_VERSION:-8.19.21}"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
NODES=(1 2 3)
HEAP="${ES_HEAP:-512m}"
START_TIMEOUT_S="${ES_START_TIMEOUT_S:-240}"
STOP_TIMEOUT_S="${ES_STOP_TIMEOUT_S:-60}"

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/es"
home="$cache/elasticsearch-$ES_VERSION"

say() { echo "es-cluster: $*" >&2; }
die() {
  say "$*"
  exit 1
}

http_port() { echo $((9200 + $1)); }
transport_port() { echo $((9300 + $1)); }
node_dir() { echo "$cache/node-$1"; }
pid_file() { echo "$(node_dir "$1")/es.pid"; }

# The newest Temurin JDK under /usr/lib/jvm (Elasticsearch 8.19 runs on 17+, prefers 21+).
find_java() {
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    echo "$ES_JAVA_HOME"
    return
  fi
  local jdk
  jdk=$(ls -d /usr/lib/jvm/temurin-*-jdk-* 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$jdk" && -x "$jdk/bin/java" ]] || die "no Temurin JDK under /usr/lib/jvm; install one or set ES_JAVA_HOME to a JDK 21+"
  echo "$jdk"
}

fetch() {
  [[ -x "$home/bin/elasticsearch" ]] && return
  command -v mvn >/dev/null || die "mvn is needed to fetch Elasticsearch from Maven Central; install maven"
  mkdir -p "$cache"
  local zip="$cache/elasticsearch-$ES_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    say "fetching $ES_ARTIFACT with Maven"
    mvn -q dependency:copy "-Dartifact=$ES_ARTIFACT" "-DoutputDirectory=$cache" >"$cache/mvn.log" 2>&1 ||
      die "mvn could not fetch $ES_ARTIFACT (see $cache/mvn.log)"
  fi
  say "unpacking $(basename "$zip")"
  rm -rf "$home.partial"
  mkdir -p "$home.partial"
  unzip -q "$zip" -d "$home.partial"
  mv "$home.partial/elasticsearch-$ES_VERSION" "$home"
  rmdir "$home.partial"
}

is_running() {
  local f
  f=$(pid_file "$1")
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# Each node gets its own copy of the distribution's config with its settings appended.
configure() {
  local n=$1 dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  rm -rf "$dir/config"
  cp -a "$home/config" "$dir/config"
  local seeds="" masters=""
  for m in "${NODES[@]}"; do
    seeds+="\"127.0.0.1:$(transport_port "$m")\","
    masters+="\"node-$m\","
  done
  cat >>"$dir/config/elasticsearch.yml" <<EOF

# --- written by scripts/es-cluster.sh ---
cluster.name: semsearch-test
node.name: node-$n
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $(http_port "$n")
transport.port: $(transport_port "$n")
discovery.seed_hosts: [${seeds%,}]
cluster.initial_master_nodes: [${masters%,}]
xpack.security.enabled: false
# Test machines run with little free disk at times; the default 85/90/95% watermarks would
# refuse replicas there. A real deployment keeps the defaults.
cluster.routing.allocation.disk.watermark.low: 97%
cluster.routing.allocation.disk.watermark.high: 98%
cluster.routing.allocation.disk.watermark.flood_stage: 99%
EOF
  # GC log and heap dumps into the node's own log folder, not the working directory.
  sed -i "s|file=gc.log|file=$dir/logs/gc.log|; s|ErrorFile=hs_err_pid%p.log|ErrorFile=$dir/logs/hs_err_pid%p.log|" \
    "$dir/config/jvm.options"
}

# Elasticsearch refuses to run as root. CI and these machines run as root, so the nodes run
# as an unprivileged system user made here (only the node folders are handed to it).
ES_USER="${ES_USER:-semsearch-es}"
node_user_prefix() {
  ((EUID == 0)) || return 0
  id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  echo runuser -u "$ES_USER" --
}

# The node user must be able to pass through every folder above the cache: a clone in a
# `mktemp -d` folder (mode 700) left it "Permission denied" on bin/elasticsearch. Such folders
# get traverse permission for others (o+x: enter, not list or read), and this is said.
let_node_user_reach() {
  ((EUID == 0)) || return 0
  local d="$cache"
  while [[ "$d" != "/" ]]; do
    d=$(dirname "$d")
    if ! runuser -u "$ES_USER" -- test -x "$d" 2>/dev/null; then
      chmod o+x "$d"
      say "gave others traverse permission (o+x) on $d, so that $ES_USER can reach $cache"
    fi
  done
}

# A node of another checkout's cluster on these ports would take this one's place unseen.
ports_free() {
  local port
  for port in "$(http_port "$1")" "$(transport_port "$1")"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port is already in use (a cluster started from another checkout?); stop that one first"
    fi
  done
}

start_node() {
  local n=$1 dir java
  if is_running "$n"; then
    say "node-$n is already running (pid $(cat "$(pid_file "$n")"))"
    return
  fi
  ports_free "$n"
  dir=$(node_dir "$n")
  java=$(find_java)
  [[ -f "$dir/config/elasticsearch.yml" ]] || configure "$n"
  rm -f "$(pid_file "$n")"
  local runner
  read -ra runner <<<"$(node_user_prefix)"
  ((EUID != 0)) || chown -R "$ES_USER" "$dir"
  let_node_user_reach
  (
    cd "$dir"
    ES_JAVA_HOME="$java" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
      ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
      nohup "${runner[@]}" "$home/bin/elasticsearch" -p "$(pid_file "$n")" >"$dir/logs/stdout.log" 2>&1 &
    echo $! >"$dir/launcher.pid"
  )
  say "node-$n starting: http 127.0.0.1:$(http_port "$n"), transport $(transport_port "$n"), heap $HEAP, java $java"
}

stop_node() {
  local n=$1 f pid waited=0
  f=$(pid_file "$n")
  if ! is_running "$n"; then
    rm -f "$f"
    say "node-$n is not running"
    return
  fi
  pid=$(cat "$f")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT_S * 10)); then
      say "node-$n (pid $pid) did not stop within ${STOP_TIMEOUT_S}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$f"
  say "node-$n stopped"
}

health() {
  local port=$1 want=$2 timeout=$3
  curl -s -m $((timeout + 5)) "http://127.0.0.1:$port/_cluster/health?wait_for_status=$want&wait_for_nodes=${#NODES[@]}&timeout=${timeout}s"
}

wait_for() {
  local want=${1:-green} deadline=$((SECONDS + START_TIMEOUT_S)) body
  while ((SECONDS < deadline)); do
    for n in "${NODES[@]}"; do
      if ! is_running "$n" && ! kill -0 "$(cat "$(node_dir "$n")/launcher.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
        die "node-$n exited during start; see $(node_dir "$n")/logs/stdout.log"
      fi
    done
    body=$(health "$(http_port 1)" "$want" 10 || true)
    if [[ "$body" == *'"timed_out":false'* ]]; then
      say "cluster is $want after ${SECONDS}s: $body"
      return 0
    fi
    sleep 1
  done
  die "cluster not $want within ${START_TIMEOUT_S}s (last answer: ${body:-none}); see $cache/node-*/logs/"
}

cmd=${1:-status}
case "$cmd" in
start)
  running=0
  for n in "${NODES[@]}"; do is_running "$n" && running=$((running + 1)); done
  if ((running == ${#NODES[@]})); then
    say "already running (3 nodes)"
    wait_for green
    exit 0
  fi
  for n in "${NODES[@]}"; do is_running "$n" || ports_free "$n"; done
  fetch
  SECONDS=0
  for n in "${NODES[@]}"; do start_node "$n"; done
  wait_for green
  ;;
stop)
  for n in "${NODES[@]}"; do stop_node "$n" & done
  wait
  ;;
stop-node) stop_node "${2:?node number 1-3}" ;;
start-node)
  is_running "${2:?node number 1-3}" || ports_free "$2"
  fetch
  start_node "${2:?node number 1-3}"
  ;;
wait) wait_for "${2:-green}" ;;
status)
  for n in "${NODES[@]}"; do
    if is_running "$n"; then echo "node-$n running (pid $(cat "$(pid_file "$n")"), http $(http_port "$n"))"; else echo "node-$n stopped"; fi
  done
  for n in "${NODES[@]}"; do
    if is_running "$n"; then
      curl -s -m 5 "http://127.0.0.1:$(http_port "$n")/_cluster/health" && echo && exit 0
    fi
  done
  exit 1
  ;;
clean)
  "$0" stop
  rm -rf "$cache"/node-*
  ;;
*)
  echo "usage: $0 start|stop|status|stop-node N|start-node N|wait [green|yellow]|clean" >&2
  exit 2
  ;;
esac
