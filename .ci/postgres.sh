# .ci/postgres.sh: a throw-away PostgreSQL server for the store/postgres tests.
#
# Sourced (what .ci/run does):
#
#     source .ci/postgres.sh        # starts a server, exports REBOUND_TEST_POSTGRES
#     trap rebound_pg_stop EXIT     # stops it and removes its files
#
# Run (by hand, from any shell):
#
#     eval "$(bash .ci/postgres.sh)"     # starts one, prints the export lines
#     go test ./store/postgres/
#     bash .ci/postgres.sh stop          # stops the one named by $REBOUND_PG_DIR
#
# The server lives in a fresh temporary directory (REBOUND_PG_DIR), listens
# on 127.0.0.1 only, on the first free port from 55432 (or $REBOUND_PG_PORT),
# and on a unix socket in that directory. It trusts every local connection
# and does not fsync: it is for tests only. Its superuser is "postgres",
# which may CREATE DATABASE as the tests need. It runs as the current user,
# or, when that is root (initdb refuses root), as the system user
# "postgres", created if missing. Without PostgreSQL's server binaries it
# installs Debian's postgresql package first.
#
# This file only defines functions and, at the end, calls one: sourcing it
# does not change the caller's shell options.

# rebound_pg_log prints a progress line on stderr.
rebound_pg_log() { echo "postgres.sh: $*" >&2; }

# rebound_pg_bindir prints the directory of initdb, pg_ctl and postgres.
rebound_pg_bindir() {
	local dir
	if command -v pg_config >/dev/null 2>&1; then
		dir=$(pg_config --bindir 2>/dev/null)
		if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
			echo "$dir"
			return 0
		fi
	fi
	# Debian keeps the server binaries out of PATH: take the newest version.
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
			echo "$dir"
			return 0
		fi
	done
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return 0
	fi
	return 1
}

# rebound_pg_install installs PostgreSQL from Debian's packages.
rebound_pg_install() {
	local sudo=""
	if [ "$(id -u)" != 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			rebound_pg_log "no PostgreSQL server binaries (initdb) and not root: install Debian's postgresql package"
			return 1
		fi
		sudo="sudo"
	fi
	rebound_pg_log "no PostgreSQL server binaries: installing Debian's postgresql package"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# rebound_pg_as runs a command as the server's user.
rebound_pg_as() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		(cd / && runuser -u "$REBOUND_PG_USER" -- "$@")
	else
		(cd / && su -s /bin/sh "$REBOUND_PG_USER" -c '"$0" "$@"' -- "$@")
	fi
}

# rebound_pg_port_free reports whether nothing listens on 127.0.0.1:$1.
rebound_pg_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# rebound_pg_start starts the server and exports REBOUND_TEST_POSTGRES,
# REBOUND_PG_DIR and REBOUND_PG_BIN.
rebound_pg_start() {
	local bin dir port tries
	if ! bin=$(rebound_pg_bindir); then
		rebound_pg_install || return 1
		bin=$(rebound_pg_bindir) || { rebound_pg_log "installed postgresql but found no initdb"; return 1; }
	fi

	REBOUND_PG_USER=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		REBOUND_PG_USER=postgres
		if ! id "$REBOUND_PG_USER" >/dev/null 2>&1; then
			rebound_pg_log "creating the system user $REBOUND_PG_USER to run the server"
			useradd --system --user-group --home-dir /nonexistent --no-create-home \
				--shell /usr/sbin/nologin "$REBOUND_PG_USER" || return 1
		fi
	fi

	local tmp=${TMPDIR:-/tmp}
	if [ "$(id -u)" = 0 ]; then
		tmp=/tmp # root's TMPDIR may be where the server's user cannot go
	fi
	dir=$(mktemp -d "$tmp/rebound-pg.XXXXXX") || return 1
	chmod 0755 "$dir"
	mkdir "$dir/data" "$dir/socket"
	if [ "$(id -u)" = 0 ]; then
		chown "$REBOUND_PG_USER" "$dir/data" "$dir/socket" || return 1
	fi
	chmod 0700 "$dir/data"
	export REBOUND_PG_DIR="$dir" REBOUND_PG_BIN="$bin"
	echo "$REBOUND_PG_USER" >"$dir/user"

	rebound_pg_log "initdb in $dir/data ($("$bin/postgres" --version))"
	if ! rebound_pg_as "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
		--encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		return 1
	fi

	port=${REBOUND_PG_PORT:-55432}
	for tries in 1 2 3 4 5 6 7 8 9 10; do
		if rebound_pg_port_free "$port" &&
			rebound_pg_as "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/data/server.log" \
				--wait --timeout=60 --silent start \
				-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
				>&2; then
			export REBOUND_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			rebound_pg_log "PostgreSQL is up: REBOUND_TEST_POSTGRES=$REBOUND_TEST_POSTGRES"
			return 0
		fi
		if [ -f "$dir/data/postmaster.pid" ]; then # started but did not answer in time
			break
		fi
		port=$((port + 1))
	done
	rebound_pg_log "could not start PostgreSQL; its log:"
	cat "$dir/data/server.log" >&2 2>/dev/null
	return 1
}

# rebound_pg_stop stops the server in $REBOUND_PG_DIR (or $1) and removes
# its directory.
rebound_pg_stop() {
	local dir=${1:-${REBOUND_PG_DIR:-}} bin
	if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
		return 0
	fi
	REBOUND_PG_USER=$(cat "$dir/user" 2>/dev/null || id -un)
	bin=${REBOUND_PG_BIN:-$(rebound_pg_bindir)}
	if [ -f "$dir/data/postmaster.pid" ]; then
		rebound_pg_as "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop >&2 ||
			rebound_pg_log "pg_ctl stop failed; see $dir/data/server.log"
	fi
	rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then # sourced
	rebound_pg_start
else
	case "${1:-start}" in
	start)
		rebound_pg_start || exit 1
		printf 'export REBOUND_TEST_POSTGRES=%q REBOUND_PG_DIR=%q REBOUND_PG_BIN=%q\n' \
			"$REBOUND_TEST_POSTGRES" "$REBOUND_PG_DIR" "$REBOUND_PG_BIN"
		;;
	stop)
		rebound_pg_stop "${2:-}"
		;;
	*)
		echo "usage: bash .ci/postgres.sh [start | stop [DIR]]" >&2
		exit 2
		;;
	esac
fi
