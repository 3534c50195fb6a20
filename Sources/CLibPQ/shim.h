#ifndef UNIONHALL_CLIBPQ_SHIM_H
#define UNIONHALL_CLIBPQ_SHIM_H
// The include path comes from `pkg-config --cflags libpq` (Debian puts the header in
// /usr/include/postgresql), so nothing here names a directory.
#include <libpq-fe.h>
#endif
