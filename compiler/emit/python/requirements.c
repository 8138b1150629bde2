/* requirements.c - the article's three requirements files: runtime
 * packages pinned in requirements.txt, development tools and test tools on
 * top of them (`-r requirements.txt`), as the spec lists them.  Lint
 * (DJZ6016, DJZ6017, DJZ6019) has judged the pins already. */
#include "python.h"

#include <stdio.h>
#include <string.h>

const char *const djz_requirements_files[3] = {
    "requirements.txt",
    "requirements-dev.txt",
    "requirements-test.txt",
};

static const char *const lists[3] = {"runtime", "dev", "test"};
static const char *const purposes[3] = {
    "the packages the application runs with, pinned",
    "development tools, on top of the runtime packages",
    "test tools, on top of the runtime packages",
};

void djz_python_requirements(const djz_ir_env *e, int which, djz_buf *out)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *req = app ? djz_ir_child(app, "requirements") : NULL;
    const djz_value *list = req ? djz_ir_get(req, lists[which]) : NULL;
    char line[256];
    snprintf(line, sizeof line, "# %s: %s.\n", djz_requirements_files[which],
             purposes[which]);
    djz_buf_puts(out, line);
    djz_buf_puts(out, "# Written by djaz from the spec; change the spec, not "
                      "this file.\n");
    if (which)
        djz_buf_puts(out, "-r requirements.txt\n");
    for (size_t i = 0; list && i < list->n; i++) {
        if (!list->items[i]->text)
            continue;
        djz_buf_puts(out, list->items[i]->text);
        djz_buf_puts(out, "\n");
    }
}
