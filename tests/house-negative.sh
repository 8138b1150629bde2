#!/usr/bin/env bash
# tests/house-negative.sh SRCDIR: tests/house.sh must fail on each kind of
# broken rule.  A copy of compiler/, grammar/ and runtime/ passes; then one
# forbidden include at a time is added to the copy (the old circles among
# them) and the check must fail naming the rule; then a library with an
# unprefixed global symbol must fail the symbols check, and curl (which
# loads libcurl and OpenSSL) the links check.
set -uo pipefail
src=$(realpath "${1:?usage: house-negative.sh SRCDIR}")
house=$src/tests/house.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

fresh() {
  rm -rf "$tmp/tree" && mkdir -p "$tmp/tree"
  cp -r "$src/compiler" "$src/grammar" "$src/runtime" "$tmp/tree/"
}

# expect_fail FILE INCLUDE MESSAGE: FILE with INCLUDE added fails, saying
# MESSAGE.
expect_fail() {
  local file=$1 inc=$2 want=$3 out
  fresh
  mkdir -p "$(dirname "$tmp/tree/$file")"
  printf '#include "%s"\n' "$inc" >>"$tmp/tree/$file"
  out=$(bash "$house" includes "$tmp/tree" 2>&1)
  if [[ $? -ne 0 && $out == *"$want"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $file including $inc should fail with \"$want\"; got:"
    echo "$out"
  fi
}

fresh
if bash "$house" includes "$tmp/tree" >/dev/null; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: the unchanged copy does not pass"
fi

expect_fail compiler/emit/arm/web.c sema/model.h "a back end sees only the IR"
expect_fail compiler/sema/bind.c ir/ir.h "floor 2 must not include floor 3"
expect_fail compiler/lint/lint.h driver/compile.h "floor 4 must not include floor 5"
expect_fail compiler/support/arena.c diag/diag.h "same floor"
expect_fail compiler/support/buf.c syntax/ast.h "floor 0 must not include floor 1"
expect_fail compiler/emit/python/server.h emit/ci/ci.h "same floor"
expect_fail compiler/emit/json.c emit/manifest.h "same floor"
expect_fail compiler/emit/yaml.c no/such.h "names no file"
expect_fail runtime/http/http.c sema/model.h "the runtime sees only the common library"
# two writers including each other: each include is allowed, the circle not
expect_fail compiler/emit/json.h emit/yaml.h "circle"

# An unprefixed global symbol fails the symbols check; prefixed ones pass.
cat >"$tmp/bad.c" <<'C'
int arm_build(void);
int arm_build(void) { return 1; }
C
cat >"$tmp/good.c" <<'C'
int djz_arm_build(void);
int djz_arm_build(void) { return 1; }
static int helper(void) { return 2; }
int DJZ_COUNT = 3;
int djz_use(void);
int djz_use(void) { return helper(); }
C
cc -c -o "$tmp/bad.o" "$tmp/bad.c" && ar rc "$tmp/libbad.a" "$tmp/bad.o"
cc -c -o "$tmp/good.o" "$tmp/good.c" && ar rc "$tmp/libgood.a" "$tmp/good.o"
out=$(bash "$house" symbols "$tmp/libgood.a" "$tmp/libbad.a" 2>&1)
if [[ $? -ne 0 && $out == *"arm_build"* && $out != *"djz_arm_build"* ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: symbols should reject arm_build alone; got:"
  echo "$out"
fi
if bash "$house" symbols "$tmp/libgood.a" >/dev/null; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: symbols should accept djz_* and DJZ*"
fi

# A program that loads libcurl fails the links check.  (ldd's output is
# read whole first: `ldd | grep -q` under pipefail fails when grep stops
# reading before ldd has written everything, as it did once in CI.)
curl_libs=$(ldd /usr/bin/curl 2>&1)
if grep -q 'libcurl\.' <<<"$curl_libs"; then
  if bash "$house" links /usr/bin/curl >/dev/null; then
    failed=$((failed + 1))
    echo "FAIL: links should reject a program that loads libcurl"
  else
    passed=$((passed + 1))
  fi
else
  failed=$((failed + 1))
  echo "FAIL: /usr/bin/curl does not load libcurl: no negative for links"
fi

echo "house.negative: $passed passed, $failed failed"
((failed == 0))
