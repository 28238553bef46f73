#!/bin/sh
# Re-renders the committed hicolor PNG icons from the one source of truth,
# resources/icons/marginwatch.svg. Run it after editing the SVG and commit the result.
# Needs rsvg-convert (Debian package librsvg2-bin); only maintainers need it, not builds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svg="$here/../../resources/icons/marginwatch.svg"
for size in 16 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
        --output "$here/icons/marginwatch-$size.png" "$svg"
done
echo "rendered 16 to 256 px icons into $here/icons"
