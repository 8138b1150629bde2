"""How tox 4 reads the `commands` of a tox.ini section: a model for the
tests, since Debian 12 has tox 3.28 only (tests/writers/run.sh runs real
tox 3 beside it).

Written for djaz from tox 4.58.0's source (tox-dev/tox, commit ccb12fc2),
step by step as tox takes them:

1. src/tox/config/source/ini.py, IniSource: configparser.ConfigParser
   with interpolation=None reads the file (a continuation line is
   stripped; one starting with # or ; is a comment).
2. src/tox/config/loader/ini/__init__.py, IniLoader.process_raw: on each
   line, whitespace and an unescaped # (not after a backslash) to the
   end of the line go, then \\# becomes #; CRs go; factor filtering;
   then backslash-newline joins lines.
3. src/tox/config/loader/ini/factor.py, filter_for_env and
   expand_factors: a line whose text before its first colon followed by
   whitespace or the end parses as a factor expression (find_factor_groups:
   commas, {a,b} groups, - joins, ! negates, each factor
   !?[\\w.*?][\\w.*?-]* or empty) keeps the rest only in a matching
   environment.
4. src/tox/config/loader/replacer.py, MatchExpression and Replacer: a
   backslash before : { } [ ] is dropped (the character stays), a double
   backslash stays as it is, [] anywhere is {posargs}, {...} with its
   closing brace is a substitution (an unknown one stays as written).
5. src/tox/config/loader/str_convert.py, StrConvert.to_list (one command
   per line, stripped, empty ones dropped) and to_command: \\# becomes #
   again; shlex, POSIX, whitespace_split, no comments, backslash its
   escape; an unclosed quote keeps the rest of the line as one last
   argument; a first argument starting with - is split off as -.
6. src/tox/config/types.py, Command: a first argument - ignores the exit
   status, ! inverts it.

Only what a generated tox.ini can hold is modelled: the substitutions are
posargs (none given), env, / and : ; others stay as written, as tox keeps
a reference it cannot resolve.  `substitutions` records each one made, so
a test can say that none was.
"""

import configparser
import itertools
import os
import re
import shlex

COMMENT = re.compile(r"(\s)*(?<!\\)#.*")
FACTOR = re.compile(r"!?[\w.*?][\w.*?-]*|^$")


def factor_groups(expr):
    """The groups of (factor, negated) of a factor expression; ValueError
    when it is not one (factor.py: find_factor_groups, with
    expand_env_with_negation; ranges such as {10-13} are left out: no
    generated line holds digits in braces unescaped)."""
    parts = re.split(r"((?:\{[^}]+\})+)|,", expr)
    for key, group in itertools.groupby(parts, key=bool):
        if not key:
            continue
        text = "".join(group).strip()
        pieces = re.split(r"\{([^}]+)\}", text)
        choices = [[c.strip() for c in piece.split(",")] for piece in pieces]
        for variant in itertools.product(*choices):
            env = "".join(variant)
            if not all(FACTOR.fullmatch(f) for f in env.split("-")):
                raise ValueError(env)
            yield [(f[1:], True) if f.startswith("!") else (f, False)
                   for f in env.split("-")]


def filter_for_env(value, env_name, platform="linux", isa="x86_64"):
    """factor.py: filter_for_env and expand_factors."""
    current = set(env_name.split("-")) | {platform, isa}
    kept, continuation, skip = [], False, False
    for line in value.split("\n"):
        factors, content = None, line
        marker = re.search(r":(\s|$)", line)
        if marker:
            try:
                factors = list(factor_groups(line[:marker.start()].strip()))
            except ValueError:
                factors = None
            else:
                content = line[marker.start() + 1:].strip()
        if factors is None:
            if skip and not continuation and not content.endswith("\\"):
                skip = False
                continue
            if content:
                kept.append(content)
            continuation = content.endswith("\\") if content else continuation
            skip = False
        elif any(all((name in current) ^ neg for name, neg in group)
                 for group in factors):
            kept.append(content)
            continuation, skip = content.endswith("\\"), False
        else:
            skip = content.endswith("\\")
    return "\n".join(kept)


def process_raw(value, env_name):
    """ini/__init__.py: IniLoader.process_raw."""
    lines = [COMMENT.sub("", line).replace("\\#", "#")
             for line in value.split("\n") if not line.startswith("#")]
    text = "\n".join(lines).replace("\r", "")
    return filter_for_env(text, env_name).replace("\\\n", "")


class Replace:
    """replacer.py: MatchExpression.parse_and_split_to_terminator and
    Replacer, over one value."""

    def __init__(self, environ):
        self.environ = environ
        self.substitutions = []

    def parse(self, value, terminator="", split=None):
        args, arg, pos = [], [], 0
        while pos < len(value):
            if pos + 1 < len(value) and value[pos] == "\\":
                if value[pos + 1] in ":{}[]":
                    arg.append(value[pos + 1])
                    pos += 2
                    continue
                if value[pos + 1] == "\\":
                    arg.append(value[pos:pos + 2])
                    pos += 2
                    continue
            rest = value[pos:]
            if terminator and rest.startswith(terminator):
                pos += 1
                break
            if split and rest.startswith(split):
                args.append(arg)
                arg, pos = [], pos + 1
                continue
            if rest.startswith("[]"):
                arg.append(("posargs",))
                pos += 2
                continue
            if rest.startswith("{"):
                try:
                    inner, used = self.parse(rest[1:], "}", ":")
                except SyntaxError:
                    pass  # no closing brace: the { stays
                else:
                    arg.append(tuple(self.join(a) for a in inner))
                    pos += used + 1
                    continue
            arg.append(value[pos])
            pos += 1
        else:
            if terminator:
                raise SyntaxError(f"{terminator!r} unmatched in {value!r}")
        args.append(arg)
        return args, pos

    def join(self, arg):
        return "".join(p if isinstance(p, str) else self.substitute(p)
                       for p in arg)

    def substitute(self, expr):
        kind, *args = expr
        self.substitutions.append(":".join(expr))
        if kind == "posargs":
            return ":".join(args)  # no positional arguments: the default
        if kind == "/":
            return os.sep
        if not kind and args == [""]:
            return os.pathsep
        if kind == "env" and args and args[0]:
            return self.environ.get(args[0], ":".join(args[1:]))
        self.substitutions[-1] += " (unresolved, kept)"
        return "{" + ":".join(expr) + "}"

    def __call__(self, value):
        args, _ = self.parse(value)
        return self.join(args[0])


def to_command(line):
    """str_convert.py: StrConvert.to_command, and types.py: Command.
    Returns (exit status handling, arguments): "-" ignores the status,
    "!" inverts it, "" keeps it."""
    line = line.replace("\\#", "#")
    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    args, pos = [], 0
    try:
        for arg in lex:
            args.append(arg)
            pos = lex.instream.tell()
    except ValueError:
        args.append(line[pos:])
    if args[0] != "-" and args[0].startswith("-"):
        args = ["-", args[0][1:], *args[1:]]
    if args[0] in ("-", "!"):
        return args[0], args[1:]
    return "", args


def commands(ini_text, section, env_name, environ=None):
    """The commands tox 4 runs for `commands` in section, in environment
    env_name: a list of (status handling, arguments), and the
    substitutions it made."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(ini_text)
    replace = Replace(os.environ if environ is None else environ)
    value = replace(process_raw(parser[section]["commands"], env_name))
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    return [to_command(line) for line in lines], replace.substitutions
