#!/bin/sh
# Runs the Prisma CLI offline: the CLI insists that its native engines exist before it starts,
# even though with `engine: "js"` and `engineType = "client"` it never runs them. Pointing it at
# an empty stub skips the download from Prisma's host, which our machines cannot reach.
set -e
stub="$(dirname "$0")/../node_modules/.cache/prisma-engine-stub"
mkdir -p "$(dirname "$stub")" && touch "$stub"
export PRISMA_QUERY_ENGINE_LIBRARY="$stub" PRISMA_SCHEMA_ENGINE_BINARY="$stub" PRISMA_HIDE_UPDATE_MESSAGE=1
exec npx --no-install prisma "$@"
