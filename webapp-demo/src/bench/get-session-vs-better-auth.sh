#!/usr/bin/env bash
# GET /api/auth/get-session, the call Better Auth's client makes on every page load: the demo (SessionAuth in Jetty,
# its H2 file) against Better Auth's own server (Node, the npm package the wire tests pin, its in-memory adapter: no
# database at all, which favours Better Auth), in one run on this machine. Each server is pinned to CPU 1 while it is
# measured, wrk to CPU 0; both get the same wrk parameters, rate limiting off, one signed-in session cookie. Rounds
# alternate between the two; the result is the median of the rounds and the ratio.
#
#   bash webapp-demo/src/bench/get-session-vs-better-auth.sh        (after mvn install -DskipTests in the checkout)
#   ROUNDS=5 WARMUP=90 DURATION=10 CONNECTIONS=32 bash ...  (the defaults)
set -euo pipefail

demo_dir=$(cd "$(dirname "$0")/../.." && pwd)
client_dir="$demo_dir/src/test/js/better-auth-client"
rounds=${ROUNDS:-5}
warmup=${WARMUP:-90}
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
demo_port=${DEMO_PORT:-18080}
ba_port=${BA_PORT:-18081}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -d "$client_dir/node_modules/better-auth" ] || (cd "$client_dir" && npm ci --silent)

await_port() {
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.5
  done
  echo "nothing listens on $1" >&2
  exit 1
}

# A signed-in session: sign up through the server's own API, keep its session cookie as a Cookie header value.
session_cookie() { # base_url api_path cookie_name
  local jar="$work/jar-$3"
  curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' -H "Origin: $1" \
    -d "{\"name\":\"Bench\",\"email\":\"bench-$RANDOM$RANDOM@example.com\",\"password\":\"correct horse battery\"}" \
    "$1$2/sign-up/email"
  local value
  value=$(awk -v name="$3" '$6 == name { print $7 }' "$jar")
  [ -n "$value" ] || { echo "no $3 cookie after sign-up at $1" >&2; exit 1; }
  echo "$3=$value"
}

measure() { # url cookie seconds -> req/s (a round with any answer but 2xx fails the run)
  local out
  out=$(taskset -c 0 wrk -t2 -c"$connections" -d"$3"s -H "Cookie: $2" "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "answers other than 2xx from $1: $out" >&2; exit 1; fi
  awk '/^Requests\/sec/ { print $2 }' <<<"$out"
}

echo "starting the demo on $demo_port (CPU 1) and Better Auth on $ba_port (CPU 1)"
(cd "$demo_dir" && exec taskset -c 1 mvn -o -q jetty:run -Dport="$demo_port" \
  -Dsessionauth.jdbc.url="jdbc:h2:$work/demo-sessions" -Ddemo.notes.jdbcUrl="jdbc:h2:$work/demo-notes" \
  -Dsessionauth.rateLimit.enabled=false >"$work/demo.log" 2>&1) &
pids+=($!)
(cd "$client_dir" && exec taskset -c 1 node bench-server.mjs "$ba_port" >"$work/ba.log" 2>&1) &
pids+=($!)
await_port "$demo_port"
await_port "$ba_port"

demo_url="http://127.0.0.1:$demo_port"
ba_url="http://127.0.0.1:$ba_port"
demo_cookie=$(session_cookie "$demo_url" /api/auth sessionauth.session_token)
ba_cookie=$(session_cookie "$ba_url" /api/auth better-auth.session_token)
for probe in "$demo_url|$demo_cookie" "$ba_url|$ba_cookie"; do
  body=$(curl -s -H "Cookie: ${probe#*|}" "${probe%%|*}/api/auth/get-session")
  case "$body" in *'"session"'*) ;; *) echo "get-session at ${probe%%|*} answered: $body" >&2; exit 1 ;; esac
done

# On one core the demo's JVM (Jetty, JSP, the filter, H2) takes over a minute of load to compile its hot paths
# (4.8k req/s after 30 s, 17.6k after 70 s in one run); Node's JIT is quicker. Both get the same warm-up.
echo "warm-up: $warmup s each"
measure "$demo_url/api/auth/get-session" "$demo_cookie" "$warmup" >/dev/null
measure "$ba_url/api/auth/get-session" "$ba_cookie" "$warmup" >/dev/null

demo_results=()
ba_results=()
for round in $(seq 1 "$rounds"); do
  d=$(measure "$demo_url/api/auth/get-session" "$demo_cookie" "$duration")
  b=$(measure "$ba_url/api/auth/get-session" "$ba_cookie" "$duration")
  echo "round $round: demo $d req/s, Better Auth $b req/s"
  demo_results+=("$d")
  ba_results+=("$b")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
demo_median=$(median "${demo_results[@]}")
ba_median=$(median "${ba_results[@]}")
awk -v d="$demo_median" -v b="$ba_median" -v r="$rounds" -v s="$duration" -v c="$connections" 'BEGIN {
  printf "GET /api/auth/get-session, median of %d rounds of %d s, wrk -t2 -c%d, each server on one core:\n", r, s, c
  printf "  demo (SessionAuth, H2 file)        %10.0f req/s\n", d
  printf "  Better Auth (Node, memory adapter) %10.0f req/s\n", b
  printf "  ratio %.1fx\n", d / b
}'
