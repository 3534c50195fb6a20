#!/usr/bin/env bash
# Installs the Debian packages UnionHall needs to build, test and run, if any are missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# libxml2-dev: FoundationXML (the report tests parse the HTML report with XMLParser) links libxml2.
ensure_packages postgresql postgresql-contrib libpq-dev pkg-config util-linux libxml2-dev "$@"
