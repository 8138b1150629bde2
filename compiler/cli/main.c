/* main.c - `djaz COMMAND ...`: finds the command and runs it. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* One line per command, in the order `djaz --help` lists them. */
static const djz_command *const commands[] = {
    &djz_cmd_check,  /* */
    &djz_cmd_build,  /* */
    &djz_cmd_fmt,    /* */
    &djz_cmd_ir,     /* */
    &djz_cmd_parse,  /* */
    &djz_cmd_schema, /* */
    &djz_cmd_explain,
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const djz_command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static void usage(FILE *out)
{
    fputs("Usage: djaz COMMAND [OPTIONS] [ARGS]\n"
          "\n"
          "djaz compiles one .djaz spec of a Django application into what it\n"
          "takes to run it on Azure.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("  help       show help for a command\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "      --version  print the version (also: djaz version)\n"
          "\n"
          "Exit status: 0 success, 1 errors in a spec, 2 bad usage or an I/O\n"
          "error, 3 `fmt --check` found a file that would change.\n"
          "Run 'djaz help COMMAND' for a command's options.\n",
          out);
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return DJZ_EXIT_OK;
    }
    const djz_command *cmd = find(argv[1]);
    if (!cmd) {
        fprintf(stderr, "djaz help: no command '%s'\n", argv[1]);
        return DJZ_EXIT_USAGE;
    }
    fputs(cmd->help, stdout);
    return DJZ_EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return DJZ_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("djaz %s (language 1)\n", DJAZ_VERSION);
        return DJZ_EXIT_OK;
    }
    if (djz_cli_is_help(name))
        return help(1, argv);
    if (strcmp(name, "help") == 0)
        return help(argc - 1, argv + 1);
    const djz_command *cmd = find(name);
    if (!cmd) {
        fprintf(stderr, "djaz: no command '%s'\nTry 'djaz --help'.\n", name);
        return DJZ_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (djz_cli_is_help(argv[i])) {
            fputs(cmd->help, stdout);
            return DJZ_EXIT_OK;
        }
    }
    return cmd->run(argc - 1, argv + 1);
}
