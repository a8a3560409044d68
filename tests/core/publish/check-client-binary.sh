#!/bin/sh
# Passes when the desktop program BINARY carries nothing of the publishing library: no libdivsufsort,
# and no repository writer, key store, signing key, release publisher or encoder symbol.
binary=$1
if ldd "$binary" | grep -i divsufsort; then
  echo "FAIL: $binary links libdivsufsort"
  exit 1
fi
found=$(nm -C --defined-only "$binary" |
  grep -E 'RepositoryWriter|KeyStore|KeyRing|SigningKey|ReleasePublisher|PatchEncoder|PatchWriter|BsdiffEncoder|ObjectWriter|BundleWriter|divsufsort' | head -5)
if [ -n "$found" ]; then
  echo "FAIL: $binary holds publishing code:"
  echo "$found"
  exit 1
fi
echo "$binary holds no publishing code"
