#!/usr/bin/env bash
# Fails when a file that is committed, or about to be (tracked, or untracked and not ignored), holds something that
# looks like a secret: storage account keys and connection strings carrying them, SAS signatures, OpenAI-style keys,
# API keys or client secrets assigned in configuration, private keys, GitHub and AWS tokens.
# Local development needs none of these: Azurite is reached with UseDevelopmentStorage=true, Azure with managed identity.
#
# Usage: scripts/check-secrets.sh [repository directory]   (default: the repository this script is in)
# In a git work tree it checks what git would commit; in a source tree without .git (a downloaded archive) every file
# but build output, installed packages and local.settings.json.
# Prints file:line and the kind of secret, never the secret itself. Exit 0 clean, 1 findings, 2 usage error.
set -euo pipefail

root="${1:-$(dirname "$0")/..}"
if [ ! -d "$root" ]; then
  echo "check-secrets: '$root' is not a directory" >&2
  exit 2
fi

# name | grep flags | extended regex. Boundaries keep ordinary words ("task-list") and checksums ("sha512-...==") out.
rules=(
  "storage account key in a connection string|-E|AccountKey=[A-Za-z0-9+/=]{20,}"
  "storage account key|-E|(^|[^A-Za-z0-9+/-])[A-Za-z0-9+/]{86}==($|[^A-Za-z0-9+/=])"
  "shared access signature|-E|[?&]sig=[A-Za-z0-9%+/=]{30,}"
  "OpenAI-style API key|-E|(^|[^A-Za-z0-9_-])sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}"
  "API key or secret in configuration|-Ei|(api[-_]?key|subscription[-_]?key|client[-_]?secret|password)[\"']?[[:space:]]*[:=][[:space:]]*[\"']?[A-Za-z0-9+/_~.-]{24,}"
  "private key|-E|-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----"
  "GitHub token|-E|(^|[^A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}"
  "AWS access key id|-E|(^|[^A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}($|[^A-Z0-9])"
)

files=$(mktemp)
trap 'rm -f "$files"' EXIT
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  cd "$(git -C "$root" rev-parse --show-toplevel)"
  git ls-files -z --cached --others --exclude-standard >"$files"
else
  cd "$root"
  find . -type f \
    -not -path './.git/*' -not -path '*/bin/*' -not -path '*/obj/*' -not -path '*/node_modules/*' \
    -not -path './.azurite/*' -not -path './out/*' -not -path './.tools/*' -not -name local.settings.json \
    -printf '%P\0' >"$files"
fi

found=0
for rule in "${rules[@]}"; do
  name="${rule%%|*}"
  rest="${rule#*|}"
  flags="${rest%%|*}"
  pattern="${rest#*|}"
  # -I skips binary files, -s files listed but deleted from the work tree.
  while IFS= read -r hit; do
    echo "check-secrets: ${hit}: ${name}"
    found=1
  done < <(xargs -0 -r grep -s -I -n -H -o "$flags" -e "$pattern" -- <"$files" | cut -d: -f1,2 | sort -u || true)
done

if [ "$found" -ne 0 ]; then
  echo "check-secrets: secrets found; move them to local.settings.json (ignored), environment variables or Key Vault." >&2
  exit 1
fi

echo "check-secrets: $(tr -cd '\0' <"$files" | wc -c) files checked, no secrets"
