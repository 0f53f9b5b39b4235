// cmark-gfm's pkg-config file asks for a library Debian does not ship, so the
// libraries are linked by name in module.modulemap instead.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
