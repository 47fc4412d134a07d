// libyaml's event parser, for YAMLLimits (Sources/LotseCore/Load/YAMLLimits.swift).
//
// Only the header comes from the system (Debian libyaml-dev); nothing is
// linked here: the functions are the copy of libyaml that Yams compiles in
// (the same version, 0.2.5), so Lotse reads YAML with one parser.
#include <yaml.h>
