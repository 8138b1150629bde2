/* network.c - the article's optional private networking: a VNet with a
 * subnet delegated to App Service (the site's VNet integration) and one
 * delegated to PostgreSQL, and the private DNS zone that resolves the
 * server inside the VNet. */
#include "context.h"

#include <string.h>

static void subnet(djz_arm_ctx *c, djz_json *subnets, djz_json *space,
                   const char *name, int index, const char *delegated)
{
    djz_arena *a = c->a;
    djz_json *s = djz_json_push(a, subnets, djz_json_object(a));
    djz_json_set_str(a, s, "name", name);
    djz_json *p = djz_json_set_object(a, s, "properties");
    /* The index-th /24 of the VNet's address space. */
    djz_json *prefix = djz_json_expr(a);
    djz_expr_raw(a, prefix, "cidrSubnet(");
    djz_expr_part(a, prefix, space);
    djz_expr_raw(a, prefix, ", 24, %d)", index);
    djz_json_set(a, p, "addressPrefix", prefix);
    djz_json *d = djz_json_push(a, djz_json_set_array(a, p, "delegations"),
                                djz_json_object(a));
    djz_json_set_str(a, d, "name", delegated);
    djz_json_set_str(a, djz_json_set_object(a, d, "properties"), "serviceName",
                     delegated);
}

void djz_arm_build_network(djz_arm_ctx *c)
{
    const djz_ir_resource *vnet =
        djz_arm_ir(c, "Microsoft.Network/virtualNetworks");
    const djz_ir_resource *dns =
        djz_arm_ir(c, "Microsoft.Network/privateDnsZones");
    if (!vnet)
        return;
    djz_arena *a = c->a;
    const char *cidr = djz_arm_text(vnet->block, "address_space");
    djz_json *space =
        djz_arm_slot(c, "vnetAddressSpace", "the VNet's address space (CIDR)",
                     djz_json_str(a, cidr ? cidr : "10.20.0.0/16"));
    djz_arm_res *r = djz_arm_add_tracked(c, vnet, "network", NULL);
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_push(a,
                  djz_json_set_array(a,
                                     djz_json_set_object(a, p, "addressSpace"),
                                     "addressPrefixes"),
                  space);
    djz_json *subnets = djz_json_set_array(a, p, "subnets");
    subnet(c, subnets, space, "web", 1, "Microsoft.Web/serverFarms");
    subnet(c, subnets, space, "database", 2,
           "Microsoft.DBforPostgreSQL/flexibleServers");

    if (!dns)
        return;
    r = djz_arm_add_tracked(c, dns, "network", "global");
    djz_json_set_object(a, r->body, "properties"); /* required, empty */

    djz_ir_resource link = {
        .type = "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        .parent = (size_t)(dns - c->e->resources),
        .leaf = "vnet",
    };
    r = djz_arm_add(c, "dns/link", "network", link.type,
                    djz_arm_name_of(c, &link), djz_arm_id_of(c, &link));
    djz_arm_dep(c, r, dns->key);
    djz_arm_dep(c, r, vnet->key);
    djz_json_set_str(a, r->body, "location", "global");
    p = djz_json_set_object(a, r->body, "properties");
    djz_json_set_bool(a, p, "registrationEnabled", false);
    djz_json_set(a, djz_json_set_object(a, p, "virtualNetwork"), "id",
                 djz_arm_id_of(c, vnet));
}
