#!/usr/bin/env bash
# tests/ir-names.sh SRCDIR path/to/djaz: every name the compiler's code
# looks up in the IR by a string literal (djz_ir_get, djz_ir_child,
# djz_ir_block_of and the back ends' typed helpers over them) is a block
# kind or an attribute of the schema `djaz schema` prints.  The lookups
# stop on an unknown name when they run (DJZ9010); this finds a misspelt
# name on a path no test runs.
set -uo pipefail
src=$(realpath "${1:?usage: ir-names.sh SRCDIR path/to/djaz}")
djaz=${2:?usage: ir-names.sh SRCDIR path/to/djaz}
schema=$("$djaz" schema) || exit 2
# kinds (## `app`) and attributes (| `python` | or | `setting NAME` |)
# shellcheck disable=SC2016 # the backquotes are Markdown, not expansions
known=$(printf '%s\n' "$schema" |
  sed -nE 's/^## `([a-z_]+)`.*/\1/p; s/^\| `([a-z_]+)( [A-Z]+)?` \|.*/\1/p' |
  sort -u)
lookups='(djz_ir_get|djz_ir_text|djz_ir_on|djz_ir_int|djz_ir_child|djz_ir_block_of|djz_lint_blocks|djz_arm_text|djz_arm_on|djz_arm_int|arm_text|arm_on|arm_int)'
bad=0 n=0
while IFS=: read -r file line name; do
  n=$((n + 1))
  for part in ${name//./ }; do
    if ! grep -qxF "$part" <<<"$known"; then
      echo "$file:$line: \"$name\" is not a kind or an attribute of the schema"
      bad=1
    fi
  done
done < <(cd "$src" && grep -rnoE "\b$lookups\([^()\"]*\"[a-z_.]*\"" compiler |
  sed -E 's/^([^:]*):([0-9]+):.*"([^"]*)"$/\1:\2:\3/')
if ((n < 50)); then
  echo "only $n lookups found: is the pattern still right?"
  bad=1
fi
((bad == 0)) && echo "ir-names: $n lookups by name, each in the schema"
exit $bad
