/* cleanup.c - the registry of cleanup.h, a list of caller-owned entries.
 *
 * The list head is a global because the fatal exit that runs it has no
 * context to reach it through. */
#include "cleanup.h"

#include <stddef.h>

static djz_cleanup *registered;

void djz_cleanup_push(djz_cleanup *c, void (*fn)(void *), void *arg)
{
    c->fn = fn;
    c->arg = arg;
    c->next = registered;
    registered = c;
}

void djz_cleanup_pop(djz_cleanup *c)
{
    for (djz_cleanup **p = &registered; *p; p = &(*p)->next)
        if (*p == c) {
            *p = c->next;
            return;
        }
}

void djz_cleanup_run(void)
{
    while (registered) {
        djz_cleanup *c = registered;
        registered = c->next;
        c->fn(c->arg);
    }
}
