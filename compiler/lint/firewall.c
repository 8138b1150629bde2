/* firewall.c - the database's firewall rules, as the article advises:
 * list the addresses that need access, and nothing wider.
 *
 * A rule written as exactly 0.0.0.0 (or 0.0.0.0-0.0.0.0) is the rule
 * Azure reads as "Allow access to Azure services": it is the same finding
 * as `allow_azure_services = on` (DJZ6007), whichever way it is written,
 * and one `allow azure-services-allowed` acknowledges both.  Any other
 * rule that admits more than a /24 (256 addresses) is DJZ6030: an
 * organization's own egress addresses fit in a /24; anything wider is a
 * provider's pool (a residential ISP, a cloud region), shared with
 * strangers who may then try the password.  Rules on a private network
 * are not deployed (the VNet is the boundary), so they are not judged:
 * they do nothing there, which is DJZ6031. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WIDEST = 256 }; /* a /24 */

/* a.b.c.d as a number; *s moves past it.  Sema checked the form: no
 * part has a leading zero, which inet_aton would read as octal. */
static uint32_t address(const char **s)
{
    uint32_t v = 0;
    for (int part = 0; part < 4; part++) {
        char *end;
        v = v << 8 | (uint32_t)strtoul(*s + (part > 0), &end, 10);
        *s = end;
    }
    return v;
}

/* How many addresses "a.b.c.d" or "a.b.c.d-e.f.g.h" admits; *lo is the
 * first of them. */
static uint64_t size_of(const char *rule, uint32_t *lo)
{
    *lo = address(&rule);
    uint32_t hi = *rule == '-' ? (rule++, address(&rule)) : *lo;
    return hi >= *lo ? (uint64_t)hi - *lo + 1 : 0;
}

/* 4294967296 -> "4,294,967,296" */
static const char *grouped(char buf[32], uint64_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    char *w = buf;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            *w++ = ',';
        *w++ = digits[i];
    }
    *w = '\0';
    return buf;
}

static void check_rule(djz_lint_ctx *l, const char *name, const djz_value *v)
{
    uint32_t lo;
    uint64_t n = size_of(v->text, &lo);
    djz_diag *d;
    if (lo == 0 && n == 1) {
        d = djz_lint_report(l, DJZ_AZURE_SERVICES_ALLOWED, v->src, v->span,
                            "firewall rule `%s` is 0.0.0.0, which Azure reads "
                            "as \"allow access to Azure services\": any "
                            "server on Azure, whoever owns it, can reach the "
                            "database and try its password",
                            name);
        if (d)
            djz_lint_help(l, d, DJZ_AZURE_SERVICES_ALLOWED,
                          "remove the rule and list the addresses that need "
                          "access");
        return;
    }
    if (n <= WIDEST)
        return;
    char count[32];
    d = djz_lint_report(l, DJZ_WIDE_FIREWALL_RULE, v->src, v->span,
                        "firewall rule `%s` admits %s addresses (%s): "
                        "everyone there can reach the database and try its "
                        "password",
                        name, grouped(count, n), v->text);
    if (d)
        djz_lint_help(l, d, DJZ_WIDE_FIREWALL_RULE,
                      "list the addresses that need access, none wider than "
                      "a /24 (256 addresses)");
}

/* A database firewall in an environment whose server is private: the
 * rules do nothing there (the back end deploys none). */
static void check_undeployed(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *net = djz_ir_block_of(e, "network");
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    if (!net || !db || !djz_ir_on(net, "private"))
        return;
    const djz_ir_block *fw = djz_ir_child(db, "firewall");
    if (!fw || !fw->nattrs)
        return;
    djz_diag *d = djz_lint_report(
        l, DJZ_UNDEPLOYED_FIREWALL, fw->src, fw->span,
        "the firewall of `database %s` does nothing in `env %s`: its server "
        "is on a private network, which takes no firewall rule",
        db->label, e->name);
    if (d)
        djz_lint_help(l, d, DJZ_UNDEPLOYED_FIREWALL,
                      "remove the firewall, or keep it only in the "
                      "environments whose network is not private");
}

void djz_rules_firewall(djz_lint_ctx *l, const djz_ir_env *e)
{
    check_undeployed(l, e);
    /* The rules deployed: one resource per attribute, in their order. */
    for (size_t i = 0, next = 0; i < e->nresources; i++) {
        const djz_ir_resource *f = &e->resources[i];
        if (strcmp(f->type,
                   "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"))
            continue;
        const djz_ir_attr *rule = &f->block->attrs[next++];
        if (rule->value && rule->value->text && !rule->value->broken)
            check_rule(l, rule->name, rule->value);
    }
}
