#!/usr/bin/env bash
# Checks that every program in run/ is clean under go vet and behaves the same on every Go 1.19 run.
#
# For each run/NNN_name.go: copy it as main.go into a scratch directory under
# /tmp, run `go vet main.go`, build it once, then run the binary 5 times with
# the default GOMAXPROCS, twice with GOMAXPROCS=1 and twice with GOMAXPROCS=8.
# stdout, the exit status and the first line of stderr must be identical on
# every run, and the status must be 0 (normal exit) or 2 (panic or fatal
# error). The binary is run directly because `go run` reports any failing
# program's status as 1.
#
# Usage: check-with-go.sh [NNN_name.go ...]   (default: every program)
# Environment: GO (default: go), RACE=1 also runs each program once built
# with -race and fails on a reported data race (slow: about a second each).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
go_bin=${GO:-go}
export GOFLAGS= GOPROXY=off GOWORK=off GO111MODULE=on GOTOOLCHAIN=local
limit_ms=300

version=$("$go_bin" version)
case $version in
*go1.19*) ;;
*) echo "warning: expected Go 1.19, found: $version" >&2 ;;
esac

scratch=$(mktemp -d /tmp/gocorpus.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

if [ $# -gt 0 ]; then
  programs=("$@")
else
  programs=()
  for f in "$here"/run/[0-9][0-9][0-9]_*.go; do
    programs+=("$(basename "$f")")
  done
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

start_all=$(now_ms)
failed=()
slow=()
count0=0
count2=0
for name in "${programs[@]}"; do
  src=$here/run/$name
  dir=$scratch/${name%.go}
  mkdir -p "$dir"
  cp "$src" "$dir/main.go"
  problems=()

  if ! vet_out=$(cd "$dir" && "$go_bin" vet main.go 2>&1) || [ -n "$vet_out" ]; then
    problems+=("go vet: $(echo "$vet_out" | head -n 3 | tr '\n' ' ')")
  fi
  if ! build_out=$(cd "$dir" && "$go_bin" build -o prog main.go 2>&1); then
    problems+=("build failed: $(echo "$build_out" | head -n 3 | tr '\n' ' ')")
  fi

  ref_out="" ref_status="" ref_err=""
  max_ms=0
  if [ -x "$dir/prog" ]; then
    i=0
    for procs in "" "" "" "" "" 1 1 8 8; do
      i=$((i + 1))
      t0=$(now_ms)
      status=0
      if [ -n "$procs" ]; then
        (cd "$dir" && GOMAXPROCS=$procs timeout 20 ./prog >"out.$i" 2>"err.$i") || status=$?
      else
        (cd "$dir" && env -u GOMAXPROCS timeout 20 ./prog >"out.$i" 2>"err.$i") || status=$?
      fi
      ms=$(($(now_ms) - t0))
      [ "$ms" -gt "$max_ms" ] && max_ms=$ms
      first_err=$(head -n 1 "$dir/err.$i")
      label="run $i${procs:+ (GOMAXPROCS=$procs)}"
      if [ $i -eq 1 ]; then
        ref_status=$status ref_err=$first_err
        if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
          problems+=("$label: exit status $status (expected 0 or 2)")
        fi
        if [ "$status" -eq 0 ] && [ -s "$dir/err.$i" ]; then
          problems+=("$label: exit status 0 but stderr is not empty")
        fi
        continue
      fi
      if ! cmp -s "$dir/out.1" "$dir/out.$i"; then
        problems+=("$label: stdout differs from run 1")
      fi
      if [ "$status" != "$ref_status" ]; then
        problems+=("$label: exit status $status, run 1 had $ref_status")
      fi
      if [ "$first_err" != "$ref_err" ]; then
        problems+=("$label: first stderr line '$first_err', run 1 had '$ref_err'")
      fi
    done
  fi

  if [ "${RACE:-}" = 1 ] && [ -x "$dir/prog" ]; then
    if (cd "$dir" && "$go_bin" build -race -o prog-race main.go >/dev/null 2>&1); then
      (cd "$dir" && timeout 60 ./prog-race >/dev/null 2>race.err) || true
      if grep -q "DATA RACE" "$dir/race.err"; then
        problems+=("data race reported by -race")
      fi
    else
      problems+=("build with -race failed")
    fi
  fi

  if [ ${#problems[@]} -gt 0 ]; then
    echo "FAIL $name"
    for p in "${problems[@]}"; do
      echo "     $p"
    done
    failed+=("$name")
  else
    echo "ok   $name  exit $ref_status  slowest run ${max_ms} ms${ref_err:+  stderr: $ref_err}"
    case $ref_status in
    0) count0=$((count0 + 1)) ;;
    2) count2=$((count2 + 1)) ;;
    esac
  fi
  if [ "$max_ms" -gt "$limit_ms" ]; then
    slow+=("$name (${max_ms} ms)")
  fi
done

total_s=$(( ($(now_ms) - start_all) / 1000 ))
echo
echo "${#programs[@]} programs checked in ${total_s} s: $count0 exit 0, $count2 exit 2, ${#failed[@]} failed"
if [ ${#slow[@]} -gt 0 ]; then
  echo "warning: a run took longer than ${limit_ms} ms: ${slow[*]}"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
