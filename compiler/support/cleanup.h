/* cleanup.h - what to undo when djaz must exit at once.
 *
 * A fatal exit (out of memory) cannot unwind the stack, so a module that
 * leaves something behind while it works (the output directory's
 * temporary tree) registers a callback here and removes it when the work
 * is done.  The entry is the caller's (no allocation: registering works
 * when memory is gone); callbacks run newest first, each once. */
#ifndef DJZ_CLEANUP_H
#define DJZ_CLEANUP_H

typedef struct djz_cleanup {
    void (*fn)(void *arg);
    void *arg;
    struct djz_cleanup *next;
} djz_cleanup;

/* Registers c to call fn(arg) on a fatal exit. */
void djz_cleanup_push(djz_cleanup *c, void (*fn)(void *), void *arg);
/* Unregisters c (registered or not). */
void djz_cleanup_pop(djz_cleanup *c);
/* Calls and unregisters every callback: for djz_out_of_memory. */
void djz_cleanup_run(void);

#endif
