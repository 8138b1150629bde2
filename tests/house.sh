#!/usr/bin/env bash
# The house's rules (docs/DEVELOPERS.md, "The include graph"), checked:
#
#   tests/house.sh includes SRCDIR     every #include "..." under compiler/,
#                                      grammar/ and runtime/ follows the floors
#   tests/house.sh symbols LIB...      every global symbol a library defines
#                                      starts with djz_ or DJZ (names with
#                                      __ belong to the implementation: the
#                                      sanitizers' __odr_asan.* and such)
#   tests/house.sh links PROGRAM       the compiler's program loads neither
#                                      libcurl, OpenSSL nor libpq (ldd)
#   tests/house.sh SRCDIR BUILDDIR     all three, on BUILDDIR's djaz,
#                                      libdjaz_common.a and libdjaz_compiler.a
#
# Prints each violation (file:line and the rule) and exits 1 if any.
# tests/house-negative.sh proves that each rule fails when broken.
set -uo pipefail

# The module a path (relative to the source root) belongs to.  A folder of
# compiler/ is a module; compiler/emit/ has one module per back end folder
# and one per shared file (emit/json, emit/yaml, emit/outdir, ...);
# grammar/ and its generated headers belong to syntax, which drives them.
module_of() {
  case $1 in
    compiler/emit/*/*) local r=${1#compiler/emit/}; echo "emit/${r%%/*}" ;;
    compiler/emit/*) local f=${1#compiler/emit/}; echo "emit/${f%.*}" ;;
    compiler/*/*) local r=${1#compiler/}; echo "${r%%/*}" ;;
    grammar/* | djaz.tab.h | djaz.yy.h) echo syntax ;;
    runtime/*/*) local r=${1#runtime/}; echo "runtime/${r%%/*}" ;;
    *) echo "?" ;;
  esac
}

# A module's floor: a module may include only its own floor's allowed
# neighbours and the floors below it.
floor_of() {
  case $1 in
    support | diag) echo 0 ;;
    syntax) echo 1 ;;
    sema | runtime/http | runtime/auth) echo 2 ;;
    ir | runtime/manifest) echo 3 ;;
    lint | emit/* | runtime/arm | runtime/keyvault | runtime/blob | \
      runtime/db | runtime/kudu) echo 4 ;;
    driver | runtime/apply) echo 5 ;;
    cli) echo 6 ;;
    *) echo "" ;;
  esac
}

# Includes between two modules of one floor that are allowed, and why.
same_floor_ok() {
  case "$1 -> $2" in
    # diagnostics point into sources and live in the arena
    "diag -> support") return 0 ;;
    # the ARM app settings set gunicorn's workers as startup.sh reads them
    "emit/arm -> emit/python") return 0 ;;
    # the CI files deploy the ARM template and run the Python tests
    "emit/ci -> emit/arm" | "emit/ci -> emit/python") return 0 ;;
    # the settings fragment reads the app settings the template sets
    "emit/django -> emit/arm") return 0 ;;
    # the manifest lists the template's secrets and settings
    "emit/manifest -> emit/arm") return 0 ;;
    # the shared writers (a file directly in compiler/emit/) serve every
    # back end; the manifest is not one of them
    "emit/"*" -> emit/manifest") return 1 ;;
    "emit/"*" -> emit/"*) [[ ! -d $src/compiler/$2 ]] ;;
    *) return 1 ;;
  esac
}

# Includes the floors would allow but the house forbids.
forbidden() {
  case "$1 -> $2" in
    "emit/"*" -> sema") echo "a back end sees only the IR, never sema" ;;
    "runtime/"*" -> "*)
      case $2 in
        support | diag | runtime/*) ;;
        *) echo "the runtime sees only the common library (support, diag)" ;;
      esac ;;
  esac
}

# The file an include names, relative to the source root: beside the
# includer first, then under compiler/; the parser's generated headers
# by name.
resolve() {
  local dir=$1 name=$2 p
  for p in "$dir/$name" "compiler/$name"; do
    if [[ -f $src/$p ]]; then
      realpath -m --relative-to="$src" "$src/$p"
      return
    fi
  done
  case $name in djaz.tab.h | djaz.yy.h) echo "$name" ;; *) echo "" ;; esac
}

check_includes() {
  src=$(realpath "$1")
  local bad=0 edges file line name target from to ff ft why
  edges=$(mktemp)
  while IFS=: read -r file line name; do
    target=$(resolve "$(dirname "$file")" "$name")
    if [[ -z $target ]]; then
      echo "$file:$line: #include \"$name\" names no file of the tree"
      bad=1
      continue
    fi
    from=$(module_of "$file") to=$(module_of "$target")
    [[ $from == "$to" ]] && continue
    ff=$(floor_of "$from") ft=$(floor_of "$to")
    if [[ -z $ff || -z $ft ]]; then
      echo "$file:$line: $from or $to has no floor in tests/house.sh"
      bad=1
      continue
    fi
    echo "$from $to" >>"$edges"
    why=$(forbidden "$from" "$to")
    if [[ -z $why ]] && ((ft > ff)); then
      why="floor $ff must not include floor $ft"
    elif [[ -z $why ]] && ((ft == ff)) && ! same_floor_ok "$from" "$to"; then
      why="same floor, not an allowed neighbour"
    fi
    if [[ -n $why ]]; then
      echo "$file:$line: $from includes $to ($name): $why"
      bad=1
    fi
  done < <(cd "$src" && find compiler grammar runtime -type f \
    \( -name '*.c' -o -name '*.h' -o -name '*.l' -o -name '*.y' \) \
    -print0 2>/dev/null | sort -z |
    xargs -0 grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' |
    sed -E 's/^([^:]*):([0-9]+):.*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1:\2:\3/')
  # No circle between modules, whatever the rules above allow.
  if ! sort -u "$edges" | tsort >/dev/null 2>"$edges.err"; then
    echo "modules include each other in a circle:"
    sed 's/^/  /' "$edges.err"
    bad=1
  fi
  rm -f "$edges" "$edges.err"
  ((bad == 0)) && echo "house: includes follow the floors"
  return $bad
}

check_symbols() {
  local bad=0 lib out
  for lib in "$@"; do
    out=$(nm -A -g --defined-only "$lib" |
      awk 'NF >= 3 && $NF !~ /^(djz_|DJZ|__)/ {
             sub(/:[0-9a-f]*$/, "", $1)
             print "unprefixed global symbol: " $1 ": " $NF }')
    if [[ -n $out ]]; then
      echo "$out"
      bad=1
    fi
  done
  ((bad == 0)) && echo "house: every global symbol starts with djz_ or DJZ"
  return $bad
}

# The runtime's libraries are the runtime's alone.
check_links() {
  local out
  out=$(ldd "$1" | grep -E 'lib(curl|ssl|crypto|pq)\.')
  if [[ -n $out ]]; then
    echo "$1 loads what only the runtime may:"
    echo "$out"
    return 1
  fi
  echo "house: $1 loads neither libcurl, OpenSSL nor libpq"
}

case ${1:-} in
  links) check_links "${2:?usage: house.sh links PROGRAM}" ;;
  includes) check_includes "${2:?usage: house.sh includes SRCDIR}" ;;
  symbols) shift; check_symbols "$@" ;;
  *)
    [[ $# -eq 2 ]] || { echo "usage: house.sh SRCDIR BUILDDIR" >&2; exit 2; }
    status=0
    check_includes "$1" || status=1
    check_symbols "$2/libdjaz_common.a" "$2/libdjaz_compiler.a" || status=1
    check_links "$2/djaz" || status=1
    exit $status ;;
esac
