# Shared settings for the scripts: sourced, never run. Everything is overridable by environment.
# The private PostgreSQL cluster lives in .pg/ under the project (gitignored), on its own port
# and socket, so it never collides with a system cluster.

UNIONHALL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export UNIONHALL_PG_PORT=${UNIONHALL_PG_PORT:-54329}
PG_DIR="$UNIONHALL_ROOT/.pg"
# The streaming replica (scripts/replica-up.sh): a hot standby of that cluster in .pg-replica/.
export UNIONHALL_REPLICA_PORT=${UNIONHALL_REPLICA_PORT:-$((UNIONHALL_PG_PORT + 1))}
REPLICA_DIR="$UNIONHALL_ROOT/.pg-replica"

log() { printf '[unionhall] %s\n' "$*" >&2; }
die() { printf '[unionhall] error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root to run: $* (install it by hand, or run as root)"
    fi
}

# Debian packages the project needs; installs only what is missing.
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
}

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || die "no PostgreSQL server found under /usr/lib/postgresql"
    printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user that
# Debian's package creates; as anyone else it belongs to that user.
pg_user() {
    if [ "$(id -u)" -eq 0 ]; then printf 'postgres'; else id -un; fi
}

run_as_pg() {
    # From /, so the postgres user never needs to enter a folder it may not read.
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where the cluster's data and socket live. Normally .pg/ in the project; if the cluster's user
# can't reach the project folder (a clone under /root, say) or the socket path would pass the
# kernel's 107-byte limit, .pg becomes a link to a folder under /tmp named after the project.
resolve_pg_dir() {
    PG_DIR=$(private_dir "$PG_DIR")
    PG_DATA="$PG_DIR/data"
    PG_SOCKET_DIR="$PG_DIR/run"
    PG_LOG="$PG_DIR/postgres.log"
}

# The replica's folder, found the same way (.pg-replica, or /tmp/unionhall-pg-replica-…).
resolve_replica_dir() {
    REPLICA_DIR=$(private_dir "$REPLICA_DIR")
    REPLICA_DATA="$REPLICA_DIR/data"
    REPLICA_SOCKET_DIR="$REPLICA_DIR/run"
    REPLICA_LOG="$REPLICA_DIR/postgres.log"
}

# Prints the real folder behind the project's PATH (.pg, .pg-replica), creating it, or a link
# to a stand-in under /tmp, when missing.
private_dir() {
    local path=$1
    if [ -L "$path" ] || [ -d "$path" ]; then
        readlink -f "$path"
        return
    fi
    local target="$path"
    local candidate_ok=1
    [ ${#target} -gt 80 ] && candidate_ok=0
    if [ "$(id -u)" -eq 0 ] && [ $candidate_ok -eq 1 ]; then
        runuser -u postgres -- test -x "$UNIONHALL_ROOT" 2>/dev/null || candidate_ok=0
    fi
    if [ $candidate_ok -eq 1 ]; then
        mkdir -p "$target"
    else
        local hash name
        hash=$(printf '%s' "$UNIONHALL_ROOT" | cksum | cut -d' ' -f1)
        name=$(basename "$path")
        target="/tmp/unionhall-${name#.}-$hash"
        mkdir -p "$target"
        ln -sfn "$target" "$path"
    fi
    printf '%s' "$target"
}

# Connection strings for the private cluster, exported for the server, the CLI and the tests.
export_database_env() {
    resolve_pg_dir
    export UNIONHALL_PGHOST="$PG_SOCKET_DIR"
    export UNIONHALL_ADMIN_URL=${UNIONHALL_ADMIN_URL:-"postgresql://postgres@/postgres?host=$PG_SOCKET_DIR&port=$UNIONHALL_PG_PORT"}
    export UNIONHALL_OWNER_URL=${UNIONHALL_OWNER_URL:-"postgresql://unionhall_owner@/unionhall?host=$PG_SOCKET_DIR&port=$UNIONHALL_PG_PORT"}
    export DATABASE_URL=${DATABASE_URL:-"postgresql://unionhall_app@/unionhall?host=$PG_SOCKET_DIR&port=$UNIONHALL_PG_PORT"}
    export UNIONHALL_REPORTING_URL=${UNIONHALL_REPORTING_URL:-"postgresql://unionhall_reporting@/unionhall?host=$PG_SOCKET_DIR&port=$UNIONHALL_PG_PORT"}
}

# Connection strings for the replica: the reporting role on its copy of `unionhall`.
export_replica_env() {
    resolve_replica_dir
    export UNIONHALL_REPLICA_PGHOST="$REPLICA_SOCKET_DIR"
    export UNIONHALL_REPLICA_URL=${UNIONHALL_REPLICA_URL:-"postgresql://unionhall_reporting@/unionhall?host=$REPLICA_SOCKET_DIR&port=$UNIONHALL_REPLICA_PORT"}
}
