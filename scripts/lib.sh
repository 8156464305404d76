# shellcheck shell=bash
# Helpers shared by scripts/run and scripts/test. Source it; do not execute it.
#
# Nothing here knows where Odoo lives on a given machine: it is discovered from the Python
# environment every time (``import odoo``), and the paths found are written only into files
# under var/ (gitignored).

EGOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EGOV_VAR="$EGOV_ROOT/var"
EGOV_VENV="$EGOV_ROOT/.venv"

# The product's modules, in install order. egov_demo lives in addons/.
EGOV_MODULES=(egov_documents egov_signing egov_interchange egov_reports egov_demo)

# Python modules the egov code and its Odoo-free tests import (requirements.txt); an
# interpreter missing one gets .venv with requirements.txt installed.
# shellcheck disable=SC2034  # used by the scripts that source this file
EGOV_PY_IMPORTS=(pyhanko lxml cryptography requests olefile polib pdfminer reportlab PIL)

# PostgreSQL connection; the run and test scripts never use the ``postgres`` superuser for
# Odoo itself (Odoo refuses to), only to create the Odoo role when it is missing.
EGOV_DB_HOST="${EGOV_DB_HOST:-127.0.0.1}"
EGOV_DB_PORT="${EGOV_DB_PORT:-5432}"
EGOV_DB_USER="${EGOV_DB_USER:-odoo}"
EGOV_DB_PASSWORD="${EGOV_DB_PASSWORD:-}"
EGOV_DB_SUPERUSER="${EGOV_DB_SUPERUSER:-postgres}"

# ---------------------------------------------------------------------------------------------
# Printing

egov_step() { printf '\n==> %s\n' "$*"; }
egov_info() { printf '    %s\n' "$*"; }
egov_warn() { printf '    WARNING: %s\n' "$*"; }
egov_die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

# Print a command (shell-quoted) before running it.
egov_show_cmd() {
    local out="    \$" arg
    for arg in "$@"; do out+=" $(printf '%q' "$arg")"; done
    printf '%s\n' "$out"
}

# egov_log_filter [VERBOSE] : filter Odoo's log on stdin for the terminal: warnings, errors
# (with their tracebacks), test starts and skips, module loading and the test summary. The
# callers tee the whole log into var/ first. VERBOSE=1 shows everything.
egov_log_filter() {
    if [[ "${1:-0}" == 1 ]]; then
        cat
        return
    fi
    awk '
        /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9:,]+ [0-9]+ [A-Z]+ / {
            show = ($4 == "WARNING" || $4 == "ERROR" || $4 == "CRITICAL") \
                || / odoo\.addons\.[^ ]*: (Starting|skipped) / \
                || / odoo\.modules\.loading: (loading [0-9]+ modules|Module [^ ]+ loaded|[0-9]+ modules loaded)/ \
                || / odoo\.(tests\.(result|stats)|service\.server): /
        }
        show { print; fflush() }
    '
}

# ---------------------------------------------------------------------------------------------
# Python environment

# egov_py_imports PYTHON MODULE... : true when PYTHON imports every MODULE.
egov_py_imports() {
    local py="$1"
    shift
    local IFS=,
    "$py" -c "import $*" >/dev/null 2>&1
}

# egov_python_env [--venv] MODULE... : choose the interpreter into $EGOV_PY.
#   1. $EGOV_PYTHON if set (used as is);
#   2. .venv or python3 (not with --venv), preferring one that also imports odoo, when it
#      imports every MODULE;
#   3. otherwise create .venv with --system-site-packages (an Odoo installed system-wide stays
#      visible) and pip install -r requirements.txt into it.
# Idempotent: a second run finds what the first one set up and installs nothing.
egov_python_env() {
    local force_venv=0
    if [[ "${1:-}" == "--venv" ]]; then
        force_venv=1
        shift
    fi
    local modules=("$@")
    egov_step "Python environment"
    if [[ -n "${EGOV_PYTHON:-}" ]]; then
        EGOV_PY="$EGOV_PYTHON"
        egov_info "using \$EGOV_PYTHON=$EGOV_PY"
    else
        # Candidates: the project's .venv, then python3 (its real interpreter, not a wrapper
        # such as a pyenv shim). The first that imports the modules and Odoo wins, else the first
        # that imports the modules.
        local candidates=() c
        [[ -x "$EGOV_VENV/bin/python" ]] && candidates+=("$EGOV_VENV/bin/python")
        if ((!force_venv)) && command -v python3 >/dev/null; then
            candidates+=("$(python3 -c 'import sys; print(sys.executable)')")
        fi
        EGOV_PY=""
        for c in "${candidates[@]}"; do
            if egov_py_imports "$c" "${modules[@]}" odoo; then
                EGOV_PY="$c"
                break
            fi
        done
        if [[ -z "$EGOV_PY" ]]; then
            for c in "${candidates[@]}"; do
                if egov_py_imports "$c" "${modules[@]}"; then
                    EGOV_PY="$c"
                    break
                fi
            done
        fi
        if [[ -n "$EGOV_PY" ]]; then
            egov_info "using $EGOV_PY (it has ${modules[*]})"
        else
            command -v python3 >/dev/null || egov_die "python3 not found: install Python 3.10-3.12"
            if [[ ! -x "$EGOV_VENV/bin/python" ]]; then
                egov_info "creating .venv (python3 -m venv --system-site-packages .venv)"
                python3 -m venv --system-site-packages "$EGOV_VENV" ||
                    egov_die "could not create .venv (on Debian/Ubuntu: apt-get install python3-venv)"
            fi
            EGOV_PY="$EGOV_VENV/bin/python"
            egov_info "installing requirements.txt into .venv"
            egov_show_cmd .venv/bin/python -m pip install -r requirements.txt
            "$EGOV_PY" -m pip install --disable-pip-version-check -q -r "$EGOV_ROOT/requirements.txt" ||
                egov_die "pip install -r requirements.txt failed (see above)"
            egov_py_imports "$EGOV_PY" "${modules[@]}" ||
                egov_die "$EGOV_PY still cannot import: ${modules[*]}"
        fi
    fi
    local version
    version="$("$EGOV_PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    case "$version" in
        3.10 | 3.11 | 3.12) egov_info "Python $version" ;;
        *) egov_warn "Python $version: Odoo 18 supports Python 3.10-3.12; expect trouble" ;;
    esac
    export EGOV_PY
}

# ---------------------------------------------------------------------------------------------
# Odoo discovery

# egov_odoo_probe : inspect Odoo in $EGOV_PY and set
#   ODOO_STATUS   ok | missing | wrong_version | broken
#   ODOO_VERSION  e.g. 18.0
#   ODOO_PKG      directory of the odoo package (holds addons/ with base, web, ...)
#   ODOO_ROOT     its parent (a source checkout holds odoo-bin and addons/ there)
#   ODOO_ERROR    the import error when not ok
#   ODOO_CMD      array: how to start Odoo's CLI
#   ODOO_CORE_ADDONS  comma-separated core addons directories
egov_odoo_probe() {
    local out
    out="$("$EGOV_PY" - <<'EOF' 2>&1
import os
try:
    import odoo
    import odoo.release as release
except ModuleNotFoundError as exc:
    print("status=missing" if exc.name == "odoo" else "status=broken")
    print("error=%s: %s" % (type(exc).__name__, exc))
    raise SystemExit(0)
except Exception as exc:  # noqa: BLE001
    print("status=broken")
    print("error=%s: %s" % (type(exc).__name__, exc))
    raise SystemExit(0)
pkg = os.path.dirname(os.path.abspath(odoo.__file__))
print("pkg=%s" % pkg)
print("root=%s" % os.path.dirname(pkg))
print("version=%s" % release.serie)
print("main=%d" % os.path.isfile(os.path.join(pkg, "__main__.py")))
if tuple(release.version_info[:2]) != (18, 0):
    print("status=wrong_version")
    raise SystemExit(0)
try:
    # Pulls in most of Odoo's own third-party requirements (psycopg2, werkzeug, babel,
    # OpenSSL, reportlab, ...) without touching a database.
    import odoo.service.server  # noqa: F401
    import odoo.addons.base.models  # noqa: F401
except Exception as exc:  # noqa: BLE001
    print("status=broken")
    print("error=%s: %s" % (type(exc).__name__, exc))
    raise SystemExit(0)
print("status=ok")
EOF
    )" || true
    ODOO_STATUS="$(sed -n 's/^status=//p' <<<"$out" | tail -1)"
    ODOO_STATUS="${ODOO_STATUS:-missing}"
    ODOO_VERSION="$(sed -n 's/^version=//p' <<<"$out")"
    ODOO_PKG="$(sed -n 's/^pkg=//p' <<<"$out")"
    ODOO_ROOT="$(sed -n 's/^root=//p' <<<"$out")"
    ODOO_ERROR="$(sed -n 's/^error=//p' <<<"$out")"
    [[ -n "$ODOO_ERROR" || "$ODOO_STATUS" == ok ]] || ODOO_ERROR="$out"
    ODOO_CMD=()
    ODOO_CORE_ADDONS=""
    [[ "$ODOO_STATUS" == ok ]] || return 0

    if [[ "$(sed -n 's/^main=//p' <<<"$out")" == 1 ]]; then
        ODOO_CMD=("$EGOV_PY" -m odoo)
    elif [[ -f "$ODOO_ROOT/odoo-bin" ]]; then
        ODOO_CMD=("$EGOV_PY" "$ODOO_ROOT/odoo-bin")
    elif command -v odoo >/dev/null; then
        ODOO_CMD=("$(command -v odoo)")
    else
        ODOO_STATUS=broken
        ODOO_ERROR="odoo imports but none of 'python -m odoo', odoo-bin or an 'odoo' command exists"
        return 0
    fi
    ODOO_CORE_ADDONS="$ODOO_PKG/addons"
    if [[ -f "$ODOO_ROOT/addons/web/__manifest__.py" ]]; then
        # Source checkout: most core addons (web, mail, hr, ...) are in <root>/addons.
        ODOO_CORE_ADDONS="$ODOO_CORE_ADDONS,$ODOO_ROOT/addons"
    fi
}

egov_odoo_install_help() {
    cat <<'EOF'

  egov needs Odoo 18.0 (community) importable by the Python that runs it. Install it the
  official way, one of:

    * Odoo's packages: the 18.0 nightly builds (https://nightly.odoo.com/18.0/nightly/),
      e.g. on Debian/Ubuntu the odoo_18.0.latest_all.deb package:
          apt-get install ./odoo_18.0.latest_all.deb
    * From source:
          git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo
          pip install -r odoo/requirements.txt
      and make it importable (pip install -e ./odoo, or run scripts/run with that
      environment active / EGOV_PYTHON pointing at its interpreter).

  Or let scripts/run do the source install into var/odoo and .venv:
          scripts/run --install-odoo
EOF
}

# egov_install_odoo : clone Odoo 18.0 into var/odoo, install its Python requirements into .venv
# and make it importable there with a .pth file (.venv and var/ are gitignored).
egov_install_odoo() {
    egov_step "Installing Odoo 18.0 from source into var/odoo (--install-odoo)"
    command -v git >/dev/null || egov_die "git is required for --install-odoo"
    mkdir -p "$EGOV_VAR"
    if [[ -f "$EGOV_VAR/odoo/odoo/release.py" ]]; then
        egov_info "var/odoo already exists; not cloning again"
    else
        egov_show_cmd git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo var/odoo
        git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo "$EGOV_VAR/odoo" ||
            egov_die "git clone of Odoo 18.0 failed"
    fi
    if [[ "$EGOV_PY" != "$EGOV_VENV/bin/python" ]]; then
        egov_die "internal: --install-odoo needs the .venv interpreter, got $EGOV_PY"
    fi
    # Odoo's requirements.txt pins the versions of Debian/Ubuntu's python3-* packages. Keep
    # those pins (its Python 3.12 set), except cryptography and pyopenssl, which become
    # minimums: pyhanko needs a recent cryptography. egov's requirements are resolved in the
    # same pip call. psycopg2 comes as its binary wheel (no compiler or
    # libpq headers needed); python-ldap (auth_ldap only) is tried separately below.
    local reqs="$EGOV_VAR/odoo-requirements.egov.txt"
    "$EGOV_PY" - "$EGOV_VAR/odoo/requirements.txt" "$reqs" <<'PYEOF'
import re, sys
try:
    from packaging.markers import Marker
except ImportError:
    from pip._vendor.packaging.markers import Marker
# Minimums instead of Odoo's pins (its Python 3.12 pins); a minimum also makes pip upgrade an
# older copy visible through --system-site-packages.
UNPIN = {"cryptography": "cryptography>=42.0.8", "pyopenssl": "pyopenssl>=24.1.0"}
# Take the pins Odoo lists for Python >= 3.12 (Ubuntu 24.04) on every Python: they are one
# consistent, newer set (urllib3 2, lxml 5, ...) that works with a recent cryptography, where the
# Python 3.11 set (cryptography 3.4.8, urllib3 1.26) does not.
NOBLE = {"python_version": "3.12", "python_full_version": "3.12.0"} if sys.version_info < (3, 12) else None
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    spec, _, marker = line.partition(";")
    if marker.strip() and not Marker(marker.strip()).evaluate(NOBLE):
        continue
    spec = spec.strip()
    name = re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0]
    key = name.lower()
    if key == "python-ldap":
        continue
    if key in UNPIN:
        spec = UNPIN[key]
    elif key == "psycopg2":
        spec = spec.replace(name, "psycopg2-binary", 1)
    out.append(spec)
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    fh.write("\n".join(out) + "\n")
PYEOF
    egov_show_cmd .venv/bin/python -m pip install -r var/odoo-requirements.egov.txt -r requirements.txt
    # Some of the pinned releases only exist as sources whose setup.py imports pkg_resources,
    # gone from recent setuptools: build them with an older one (PIP_CONSTRAINT also reaches
    # pip's isolated build environments).
    printf 'setuptools<81\n' >"$EGOV_VAR/pip-build-constraints.txt"
    PIP_CONSTRAINT="$EGOV_VAR/pip-build-constraints.txt" \
        "$EGOV_PY" -m pip install --disable-pip-version-check -q -r "$reqs" -r "$EGOV_ROOT/requirements.txt" ||
        egov_die "installing Odoo's Python requirements failed (see above); on Debian/Ubuntu some
       need build tools: apt-get install python3-dev build-essential"
    if ! egov_py_imports "$EGOV_PY" ldap; then
        egov_show_cmd .venv/bin/python -m pip install python-ldap
        "$EGOV_PY" -m pip install --disable-pip-version-check -q python-ldap >/dev/null 2>&1 ||
            egov_warn "python-ldap not installed (needs: apt-get install libldap2-dev libsasl2-dev);
       only Odoo's auth_ldap addon uses it, egov does not"
    fi
    local site
    site="$("$EGOV_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\n' "$EGOV_VAR/odoo" >"$site/egov-odoo.pth"
    egov_info "wrote $site/egov-odoo.pth"
}

# egov_require_odoo [--install] : probe, optionally install, and die with instructions when
# Odoo 18 is not usable.
egov_require_odoo() {
    local install=0
    [[ "${1:-}" == "--install" ]] && install=1
    egov_step "Odoo 18.0"
    egov_odoo_probe
    if [[ "$ODOO_STATUS" != ok ]] && ((install)); then
        egov_install_odoo
        egov_odoo_probe
    fi
    case "$ODOO_STATUS" in
        ok)
            egov_info "Odoo $ODOO_VERSION at $ODOO_ROOT"
            egov_info "CLI: ${ODOO_CMD[*]}"
            ;;
        missing)
            egov_odoo_install_help >&2
            egov_die "Odoo 18 is required but '$EGOV_PY' cannot import odoo ($ODOO_ERROR)"
            ;;
        wrong_version)
            egov_odoo_install_help >&2
            egov_die "Odoo 18.0 is required; '$EGOV_PY' imports Odoo $ODOO_VERSION from $ODOO_ROOT"
            ;;
        *)
            egov_die "Odoo ${ODOO_VERSION:-?} (${ODOO_ROOT:-?}) is not usable: $ODOO_ERROR
       Install Odoo's own Python requirements: $EGOV_PY -m pip install -r ${ODOO_ROOT:-<odoo>}/requirements.txt
       (or use Odoo's .deb package, which brings them as Debian packages)"
            ;;
    esac
}

# egov_queue_job_requirement : print the pip requirement of OCA queue_job that the installed
# Odoo supports. queue_job 18.0.1.7.1 and later use ``odoo.api.private``, which only the later
# 18.0 point releases have; on an older 18.0 they fail at import, so the older series is pinned.
egov_queue_job_requirement() {
    if "$EGOV_PY" -c 'import odoo.api, sys; sys.exit(0 if hasattr(odoo.api, "private") else 1)' 2>/dev/null; then
        printf '%s\n' 'odoo-addon-queue_job>=18.0,<18.1'
    else
        printf '%s\n' 'odoo-addon-queue_job>=18.0,<18.0.1.7.1'
    fi
}

# egov_queue_job_ensure : make OCA queue_job (the job engine of egov_interchange) importable as
# odoo.addons.queue_job, in the series the installed Odoo supports; installs it with pip unless
# EGOV_TEST_NO_INSTALL=1. ``--no-deps``: its only requirements are Odoo itself (installed here
# the official way, not always as a pip distribution) and requests (in requirements.txt).
egov_queue_job_ensure() {
    local requirement installed
    requirement="$(egov_queue_job_requirement)"
    installed="$("$EGOV_PY" - "$requirement" <<'EOF' 2>/dev/null
import importlib.metadata, importlib.util, sys
spec = sys.argv[1].split(">=", 1)[1]
low, high = spec.split(",<")
def key(version):
    return tuple(int(part) for part in version.split(".") if part.isdigit())
try:
    version = importlib.metadata.version("odoo-addon-queue_job")
except importlib.metadata.PackageNotFoundError:
    version = None
found = importlib.util.find_spec("odoo.addons.queue_job") is not None
if found and version and key(low) <= key(version) < key(high):
    print(version)
elif found and not version:
    print("source")
EOF
    )"
    egov_step "Job engine (OCA queue_job)"
    if [[ -n "$installed" ]]; then
        egov_info "queue_job $installed (wanted: $requirement)"
        return 0
    fi
    [[ "${EGOV_TEST_NO_INSTALL:-0}" == 1 ]] &&
        egov_die "queue_job is missing or of the wrong series for this Odoo: pip install --no-deps '$requirement'"
    egov_show_cmd "$EGOV_PY" -m pip install --no-deps "$requirement"
    "$EGOV_PY" -m pip install -q --no-deps "$requirement" ||
        egov_die "could not install $requirement"
}

# ---------------------------------------------------------------------------------------------
# Addons

# egov_is_addons_dir DIR : Odoo's own rule: DIR holds a folder with __init__.py and a manifest.
egov_is_addons_dir() {
    local d
    for d in "$1"/*/; do
        [[ -f "$d/__init__.py" && -f "$d/__manifest__.py" ]] && return 0
    done
    return 1
}

# egov_addons_path : print the comma-separated addons path (core first, then this repository).
egov_addons_path() {
    local paths="$ODOO_CORE_ADDONS" d
    for d in "$EGOV_ROOT" "$EGOV_ROOT/addons"; do
        if egov_is_addons_dir "$d"; then
            paths="$paths,$d"
        fi
    done
    printf '%s\n' "$paths"
}

# egov_installable_modules : print (one per line) those of EGOV_MODULES whose folder has a
# __manifest__.py with ``installable`` true (the default) and an __init__.py.
egov_installable_modules() {
    local m dir
    for m in "${EGOV_MODULES[@]}"; do
        dir="$EGOV_ROOT/$m"
        [[ -d "$dir" ]] || dir="$EGOV_ROOT/addons/$m"
        [[ -f "$dir/__manifest__.py" && -f "$dir/__init__.py" ]] || continue
        if "$EGOV_PY" -c '
import ast, sys
manifest = ast.literal_eval(open(sys.argv[1], encoding="utf-8").read())
sys.exit(0 if manifest.get("installable", True) else 1)
' "$dir/__manifest__.py" 2>/dev/null; then
            printf '%s\n' "$m"
        fi
    done
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# egov_psql USER DB SQL : run SQL, print unaligned tuples.
egov_psql() {
    local user="$1" db="$2" sql="$3"
    PGPASSWORD="${EGOV_DB_PASSWORD}" psql -X -q -v ON_ERROR_STOP=1 -h "$EGOV_DB_HOST" -p "$EGOV_DB_PORT" \
        -U "$user" -d "$db" -tAc "$sql"
}

egov_pg_check() {
    egov_step "PostgreSQL at $EGOV_DB_HOST:$EGOV_DB_PORT"
    command -v psql >/dev/null ||
        egov_die "psql not found: install the PostgreSQL client (apt-get install postgresql-client)"
    if egov_psql "$EGOV_DB_USER" postgres 'SELECT 1' >/dev/null 2>&1; then
        egov_info "role '$EGOV_DB_USER' can connect"
        return 0
    fi
    egov_info "role '$EGOV_DB_USER' cannot connect; creating it as '$EGOV_DB_SUPERUSER'"
    local exists
    exists="$(egov_psql "$EGOV_DB_SUPERUSER" postgres \
        "SELECT 1 FROM pg_roles WHERE rolname = '$EGOV_DB_USER'")" ||
        egov_die "cannot connect to PostgreSQL at $EGOV_DB_HOST:$EGOV_DB_PORT as '$EGOV_DB_SUPERUSER'.
       Start PostgreSQL (>= 13) or set EGOV_DB_HOST / EGOV_DB_PORT / EGOV_DB_USER
       (and EGOV_DB_PASSWORD) to a role with LOGIN CREATEDB."
    if [[ "$exists" == 1 ]]; then
        egov_show_cmd psql -U "$EGOV_DB_SUPERUSER" -c "ALTER ROLE \"$EGOV_DB_USER\" LOGIN CREATEDB"
        egov_psql "$EGOV_DB_SUPERUSER" postgres "ALTER ROLE \"$EGOV_DB_USER\" LOGIN CREATEDB" >/dev/null
    else
        egov_show_cmd psql -U "$EGOV_DB_SUPERUSER" -c "CREATE ROLE \"$EGOV_DB_USER\" LOGIN CREATEDB"
        egov_psql "$EGOV_DB_SUPERUSER" postgres "CREATE ROLE \"$EGOV_DB_USER\" LOGIN CREATEDB" >/dev/null
    fi
    egov_psql "$EGOV_DB_USER" postgres 'SELECT 1' >/dev/null ||
        egov_die "role '$EGOV_DB_USER' still cannot connect (check pg_hba.conf or set EGOV_DB_PASSWORD)"
}

egov_db_exists() {
    [[ "$(egov_psql "$EGOV_DB_USER" postgres "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

# egov_db_installed_modules DB : print the installed modules of DB, one per line (none when
# the database is not an Odoo database yet).
egov_db_installed_modules() {
    egov_psql "$EGOV_DB_USER" "$1" \
        "SELECT name FROM ir_module_module WHERE state = 'installed' ORDER BY name" 2>/dev/null || true
}

# egov_db_drop DB : drop the database (terminating its connections) and its filestore.
egov_db_drop() {
    local db="$1"
    egov_info "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    egov_psql "$EGOV_DB_USER" postgres "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
    rm -rf "${EGOV_VAR:?}/data/filestore/$db"
}

# egov_port_free PORT : true when nothing listens on 127.0.0.1:PORT.
egov_port_free() {
    "$EGOV_PY" -c '
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
' "$1"
}

egov_free_port() {
    "$EGOV_PY" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
'
}

# ---------------------------------------------------------------------------------------------
# Configuration

# egov_write_config [KEY=VALUE...] : write var/odoo.generated.conf from the committed sample
# odoo.conf, replacing the machine-specific options with what was discovered (and the given
# options). Sets EGOV_CONF. EGOV_CONF_PATH chooses another file (scripts/test: var/odoo.test.conf).
egov_write_config() {
    EGOV_CONF="${EGOV_CONF_PATH:-$EGOV_VAR/odoo.generated.conf}"
    mkdir -p "$EGOV_VAR/data"
    egov_step "Configuration: ${EGOV_CONF#"$EGOV_ROOT"/} (from odoo.conf)"
    "$EGOV_PY" - "$EGOV_ROOT/odoo.conf" "$EGOV_CONF" \
        "addons_path=$(egov_addons_path)" \
        "data_dir=$EGOV_VAR/data" \
        "db_host=$EGOV_DB_HOST" \
        "db_port=$EGOV_DB_PORT" \
        "db_user=$EGOV_DB_USER" \
        "db_password=${EGOV_DB_PASSWORD:-False}" "$@" <<'EOF'
import re, sys

sample, target, *pairs = sys.argv[1:]
overrides = dict(pair.split("=", 1) for pair in pairs)
with open(sample, encoding="utf-8") as fh:
    lines = fh.readlines()
# An option set in the sample is replaced where it is; one only shown commented out
# ("; data_dir = ...") is replaced at its first such line; any other is appended.
ACTIVE = re.compile(r"\s*([a-z_]+)\s*=")
COMMENTED = re.compile(r"\s*;\s*([a-z_]+)\s*=")
active = {m.group(1) for line in lines if (m := ACTIVE.match(line))}
done = set()
out = ["; GENERATED by scripts/run or scripts/test from odoo.conf -- edit odoo.conf instead.\n"]
for line in lines:
    m = ACTIVE.match(line) or COMMENTED.match(line)
    key = m.group(1) if m else None
    if key in overrides and key not in done and (ACTIVE.match(line) or key not in active):
        line = "%s = %s\n" % (key, overrides[key])
        done.add(key)
    out.append(line)
if not out[-1].endswith("\n"):
    out[-1] += "\n"
# Options the sample does not show go at the end of [options], before any other section
# (such as [queue_job]).
sections = [i for i, line in enumerate(out) if line.startswith("[") and i and "[options]" not in line]
at = sections[0] if sections else len(out)
missing = ["%s = %s\n" % (key, value) for key, value in overrides.items() if key not in done]
out[at:at] = missing
with open(target, "w", encoding="utf-8") as fh:
    fh.writelines(out)
EOF
    egov_info "addons_path = $(egov_addons_path)"
}
