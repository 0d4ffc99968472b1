#!/usr/bin/env bash
# Writes, for each errors/NNN_name.go, NNN_name.expected: what Go 1.19's `go build` (or `go vet`, if it builds) prints for it.
set -euo pipefail

usage="usage: $0 [errors-dir] [output-dir]   (GO=/path/to/go1.19 to pick the toolchain)"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${1:-$here/errors}
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/go-expected.XXXXXX")}
go=${GO:-go}

[ -d "$src" ] || { echo "$usage" >&2; echo "no such directory: $src" >&2; exit 2; }
mkdir -p "$out"
src=$(cd "$src" && pwd)
out=$(cd "$out" && pwd)

# Go's behaviour is pinned: same toolchain, no module proxy, no go.mod or go.work around the scratch dirs.
export GOFLAGS= GOPROXY=off GOWORK=off GO111MODULE=on GOTOOLCHAIN=local
version=$("$go" version)
case "$version" in
  "go version go1.19."*) ;;
  *) echo "expected Go 1.19, got: $version" >&2; exit 1 ;;
esac

scratch=$(mktemp -d "${TMPDIR:-/tmp}/go-corpus.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Keeps the messages of one run: drops the "# command-line-arguments" header and checks that
# every other line is "./main.go:L:C: msg" or a tab-indented continuation of the line before.
keep() { # name log expected-file
  local name=$1 log=$2 dest=$3
  if [ "$(head -n 1 "$log")" != "# command-line-arguments" ]; then
    echo "$name: output does not start with '# command-line-arguments':" >&2; cat "$log" >&2; exit 1
  fi
  if tail -n +2 "$log" | grep -qvE $'^(\\./main\\.go:[0-9]+:[0-9]+: |\t)'; then
    echo "$name: unexpected line shape in output:" >&2; cat "$log" >&2; exit 1
  fi
  tail -n +2 "$log" > "$dest"
  [ -s "$dest" ] || { echo "$name: Go failed without a message" >&2; exit 1; }
}

count=0
for file in "$src"/[0-9][0-9][0-9]_*.go; do
  [ -e "$file" ] || { echo "no NNN_name.go files in $src" >&2; exit 1; }
  name=$(basename "$file" .go)
  dir="$scratch/$name"
  mkdir "$dir"
  cp "$file" "$dir/main.go"
  if (cd "$dir" && "$go" build -o /dev/null main.go) > "$dir/build.log" 2>&1; then
    if (cd "$dir" && "$go" vet main.go) > "$dir/vet.log" 2>&1; then
      echo "$name.go: compiles and vets clean, but it is in the error corpus" >&2
      exit 1
    fi
    keep "$name.go (go vet)" "$dir/vet.log" "$out/$name.expected"
  else
    keep "$name.go (go build)" "$dir/build.log" "$out/$name.expected"
  fi
  count=$((count + 1))
done

echo "$count expectations written to $out"
