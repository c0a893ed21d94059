#pragma once
// What a database already holds where the stand-in would go, and whether loading may
// replace it: only relations marked as the stand-in's (standin_meta with its
// signature), and only when nothing else depends on them, unless the user says
// --replace. `standin load` must never destroy what it did not make.

#include <string>
#include <vector>

namespace opsctl {

// The text standin_meta.signature holds in every stand-in opsctl loaded.
inline constexpr const char* kStandinSignature = "opsctl stand-in warehouse, format 1";

// The relations the stand-in creates (sql/<dialect>/schema.sql), standin_meta first.
const std::vector<std::string>& standin_relations();

struct FoundRelation {
    std::string name;
    std::string kind;  // "table", "view", "materialized view", ...: as DROP spells it
};

struct StandinInventory {
    std::vector<FoundRelation> existing;  // stand-in names the database already holds
    bool marked = false;                  // standin_meta holds the signature
    // Objects not of the stand-in that depend on its relations ("view public.v").
    std::vector<std::string> dependents;
};

// Throws UsageError, listing what it found, when loading into `where` would replace
// relations without the stand-in's marker or break objects that depend on them;
// `replace` (--replace) allows both.
void check_replaceable(const StandinInventory& inventory, bool replace, const std::string& where);

// The existing relations in the order they can be dropped: views first.
std::vector<FoundRelation> drop_order(const StandinInventory& inventory);

}  // namespace opsctl
