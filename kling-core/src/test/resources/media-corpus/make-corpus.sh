#!/usr/bin/env bash
# Makes the media corpus of kling-core's MediaCorpusTest: small images and videos written by real tools the way
# phones, screen recorders, browsers and editors write them, plus cut and malformed copies, and expected.csv, the
# reading and the verdict each must get from MediaInspector and MediaChecks.
#
# Needs Debian's ffmpeg (5.1 here) and ImageMagick 6 (with libheif for AVIF/HEIC), and python3:
#   apt-get install -y ffmpeg imagemagick python3
# Usage: make-corpus.sh [output dir]   (default: this script's directory)
#
# The readings in expected.csv (format, codec, width, height, duration, fps) come from ffprobe and identify, not
# from kling4j; only the verdicts are written here by hand. Width and height are as displayed (a track turned a
# quarter by its matrix reports its turned size); the duration is the video stream's, not the container's.
# Files that cannot be complete (cut, no video, non-standard) have only their format checked, plus the verdict.
# The test reads the committed files and never runs this script: CI has only a JDK.
#
# Keep it small: every video is a flat colour (or a test pattern where motion matters) at -crf 51, so a 5 s
# 1280x720 H.264 clip is under 10 KB; the whole corpus stays well under 3 MB.
set -euo pipefail

out=${1:-$(cd "$(dirname "$0")" && pwd)}
mkdir -p "$out"
cd "$out"
rm -f ./*.mp4 ./*.mov ./*.m4a ./*.png ./*.jpg ./*.gif ./*.webp ./*.avif ./*.heic ./*.bmp ./*.m4s expected.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ff() { ffmpeg -nostdin -hide_banner -v error -y "$@"; }
colour() { echo "color=c=0x336699:s=$1:r=$2:d=$3"; } # size, fps, seconds
x264=(-c:v libx264 -preset veryslow -crf 51 -pix_fmt yuv420p -bitexact)
aac=(-c:a aac -b:a 12k -ac 1 -ar 16000)
sine() { echo "sine=f=440:sample_rate=16000:d=$1"; }

echo "file,role,format,codec,width,height,duration_s,fps,billed_s,verdict" > expected.csv

# A video's row: the reading of its first video stream by ffprobe, and the verdict given.
video() {
    local file=$1 verdict=$2
    local format=MP4
    [[ $file == *.mov ]] && format=MOV
    local probe codec w h dur rate rot billed
    probe=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_tag_string,width,height,duration,avg_frame_rate \
        -show_entries stream_side_data=rotation -of default=noprint_wrappers=1 "$file")
    codec=$(sed -n 's/^codec_tag_string=//p' <<< "$probe")
    w=$(sed -n 's/^width=//p' <<< "$probe")
    h=$(sed -n 's/^height=//p' <<< "$probe")
    dur=$(sed -n 's/^duration=//p' <<< "$probe")
    rate=$(sed -n 's/^avg_frame_rate=//p' <<< "$probe")
    rot=$(sed -n 's/^rotation=//p' <<< "$probe")
    if [[ $rot == 90 || $rot == -90 || $rot == 270 || $rot == -270 ]]; then
        local t=$w; w=$h; h=$t
    fi
    rate=$(awk -F/ '{ printf "%.3f", $1 / $2 }' <<< "$rate")
    billed=-
    [[ $verdict == accepted ]] && billed=$(awk '{ s = int($1); if (s < $1) s++; print s }' <<< "$dur")
    echo "$file,video,$format,$codec,$w,$h,$dur,$rate,$billed,$verdict" >> expected.csv
}

# An image's row: identify's format and size of the first frame.
image() {
    local file=$1 verdict=$2
    local format w h
    read -r format w h < <(identify -format '%m %w %h\n' "$file[0]")
    [[ $file == *.avif ]] && format=AVIF # identify names every HEIF file HEIC
    echo "$file,image,$format,-,$w,$h,-,-,-,$verdict" >> expected.csv
}

# A file that cannot be complete: only its format is known for sure.
broken() {
    echo "$1,$2,$3,-,-,-,-,-,-,$4" >> expected.csv
}

cut_at() { head -c "$3" "$1" > "$2"; } # source, target, bytes

# ---- ordinary videos ----------------------------------------------------------------------------------------
ff -f lavfi -i "$(colour 1280x720 30 5)" "${x264[@]}" h264-30fps-moov-at-end.mp4
video h264-30fps-moov-at-end.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 5)" "${x264[@]}" -movflags +faststart h264-faststart.mp4
video h264-faststart.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 5)" -f lavfi -i "$(sine 5)" "${x264[@]}" "${aac[@]}" h264-aac.mov
video h264-aac.mov accepted
ff -f lavfi -i "$(colour 720x1280 30 4)" "${x264[@]}" portrait-720x1280.mp4
video portrait-720x1280.mp4 accepted
ff -f lavfi -i "$(colour 3840x2160 24 3)" "${x264[@]}" uhd-3840x2160.mp4
video uhd-3840x2160.mp4 accepted
# Android and iPhone record landscape pixels and turn them with the track matrix.
ff -i h264-30fps-moov-at-end.mp4 -c copy -metadata:s:v:0 rotate=90 rotated-90-android.mp4
video rotated-90-android.mp4 accepted
ff -i h264-aac.mov -c copy -metadata:s:v:0 rotate=270 rotated-270.mov
video rotated-270.mov accepted
ff -i h264-30fps-moov-at-end.mp4 -c copy -metadata:s:v:0 rotate=180 rotated-180.mp4
video rotated-180.mp4 accepted

# ---- codecs -------------------------------------------------------------------------------------------------
x265=(-c:v libx265 -preset fast -crf 51 -pix_fmt yuv420p -x265-params log-level=error)
ff -f lavfi -i "$(colour 1280x720 30 5)" "${x265[@]}" -tag:v hvc1 hevc-hvc1.mp4
video hevc-hvc1.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 5)" "${x265[@]}" -tag:v hev1 hevc-hev1.mp4
video hevc-hev1.mp4 accepted
# An iPhone-like clip: HEVC in MOV at 29.97 fps, turned for portrait, with sound; 450 frames last 15.015 s.
ff -f lavfi -i "color=c=0x336699:s=1280x720:r=30000/1001" -f lavfi -i "$(sine 15.1)" -frames:v 450 "${x265[@]}" -tag:v hvc1 \
    "${aac[@]}" -shortest -metadata:s:v:0 rotate=90 iphone-hevc-2997fps-15.015s.mov
video iphone-hevc-2997fps-15.015s.mov "refused: lasts 15.015 s"
ff -f lavfi -i "color=c=0x336699:s=1280x720:r=30000/1001" -frames:v 449 "${x265[@]}" -tag:v hvc1 \
    -metadata:s:v:0 rotate=90 iphone-hevc-2997fps-14.982s.mov
video iphone-hevc-2997fps-14.982s.mov accepted
ff -f lavfi -i "$(colour 1280x720 30 4)" -c:v libsvtav1 -preset 8 -crf 63 -svtav1-params verbosity=0 av1.mp4 2> /dev/null
video av1.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 4)" -c:v libvpx-vp9 -crf 63 -b:v 0 -deadline realtime -cpu-used 8 vp9.mp4
video vp9.mp4 accepted
# MPEG-4 part 2 and Motion JPEG code flat frames poorly: small clips that show their codec tags.
ff -f lavfi -i "$(colour 320x180 30 3)" -c:v mpeg4 -q:v 31 -g 300 -bf 2 mpeg4-part2-small.mp4
video mpeg4-part2-small.mp4 "refused: is 320x180 px"
# ProRes is intra-only and large: a small, short clip that shows its codec tag (refused for its size).
ff -f lavfi -i "$(colour 320x180 24 1)" -c:v prores_ks -profile:v 0 -qscale:v 32 prores-proxy-small.mov
video prores-proxy-small.mov "refused: is 320x180 px"
ff -f lavfi -i "$(colour 320x180 24 3)" -c:v mjpeg -q:v 31 -pix_fmt yuvj420p mjpeg-small.mov
video mjpeg-small.mov "refused: is 320x180 px"

# ---- frame rates (24-60 fps) --------------------------------------------------------------------------------
for spec in "12 refused: frame rate of 12 fps" "24000/1001 accepted" "24 accepted" "25 accepted" "30 accepted" \
        "50 accepted" "60000/1001 accepted" "60 accepted" "120 refused: frame rate of 120 fps"; do
    rate=${spec%% *}
    verdict=${spec#* }
    name=fps-$(tr / _ <<< "$rate").mp4
    ff -f lavfi -i "color=c=0x336699:s=1280x720:r=$rate:d=4" "${x264[@]}" "$name"
    video "$name" "$verdict"
done
# A screen recorder's variable frame rate: frames only when something changed (every 6th frame dropped here).
ff -f lavfi -i "testsrc2=s=1280x720:r=30:d=4" -vf "select='mod(n\,6)'" -fps_mode vfr "${x264[@]}" vfr-screen-recording.mp4
video vfr-screen-recording.mp4 accepted

# ---- durations and sizes ------------------------------------------------------------------------------------
ff -f lavfi -i "$(colour 1280x720 30 2)" "${x264[@]}" too-short-2s.mp4
video too-short-2s.mp4 "refused: lasts 2 s"
ff -f lavfi -i "$(colour 1280x720 30 3)" "${x264[@]}" shortest-3s.mp4
video shortest-3s.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 15)" "${x264[@]}" longest-15s.mp4
video longest-15s.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 16)" "${x264[@]}" too-long-16s.mp4
video too-long-16s.mp4 "refused: lasts 16 s"
ff -f lavfi -i "$(colour 640x360 30 4)" "${x264[@]}" too-small-640x360.mp4
video too-small-640x360.mp4 "refused: is 640x360 px"
ff -f lavfi -i "$(colour 4096x2160 24 3)" "${x264[@]}" too-wide-4096x2160.mp4
video too-wide-4096x2160.mp4 "refused: is 4096x2160 px"
# The length is the video track's: sound running 10 ms past the picture, or 15 s past it, changes nothing.
ff -f lavfi -i "$(colour 1280x720 30 6)" -f lavfi -i "$(sine 6.01)" "${x264[@]}" "${aac[@]}" audio-10ms-longer.mp4
video audio-10ms-longer.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 5)" -f lavfi -i "$(sine 20)" "${x264[@]}" "${aac[@]}" audio-20s-video-5s.mp4
video audio-20s-video-5s.mp4 accepted

# ---- fragmented MP4 and MOV ---------------------------------------------------------------------------------
frag_in=(-f lavfi -i "$(colour 1280x720 30 8)")
frag=("${frag_in[@]}" "${x264[@]}" -g 30)
# The first fragment in the moov, the rest in moof boxes, an mfra index at the end.
ff "${frag[@]}" -movflags frag_keyframe frag-keyframe-8s.mp4
video frag-keyframe-8s.mp4 accepted
ff "${frag[@]}" -movflags frag_keyframe+empty_moov frag-empty-moov-8s.mp4
video frag-empty-moov-8s.mp4 accepted
ff -f lavfi -i "$(colour 1280x720 30 20)" "${x264[@]}" -g 60 -movflags frag_keyframe+empty_moov frag-empty-moov-20s.mp4
video frag-empty-moov-20s.mp4 "refused: lasts 20 s"
# ffmpeg writing to a pipe cannot seek back: no mfra, nothing patched.
ffmpeg -nostdin -v error "${frag[@]}" -f mp4 -movflags frag_keyframe+empty_moov pipe:1 > frag-pipe-8s.mp4
video frag-pipe-8s.mp4 accepted
# What browsers' MediaRecorder and OBS's fragmented formats look like: with sound, default-base-is-moof.
ff "${frag_in[@]}" -f lavfi -i "$(sine 8)" "${x264[@]}" -g 30 "${aac[@]}" -movflags frag_keyframe+empty_moov+default_base_moof frag-mse-aac.mp4
video frag-mse-aac.mp4 accepted
ff "${frag_in[@]}" -f lavfi -i "$(sine 8)" "${x264[@]}" -g 30 "${aac[@]}" -movflags frag_keyframe+empty_moov frag-obs.mov
video frag-obs.mov accepted
ff "${frag[@]}" -movflags cmaf+frag_keyframe+empty_moov+default_base_moof frag-cmaf.mp4
video frag-cmaf.mp4 accepted
ff "${frag[@]}" -movflags frag_keyframe+empty_moov -frag_duration 250000 frag-quarter-second.mp4
video frag-quarter-second.mp4 accepted
ff "${frag[@]}" -f dash -single_file 1 -seg_duration 2 -use_timeline 0 "$tmp/dash.mpd"
cp "$tmp/dash-stream0.mp4" frag-dash-single-file-sidx.mp4
video frag-dash-single-file-sidx.mp4 accepted
# Smooth Streaming: a 10 MHz timescale and a duration per sample in each trun.
ff "${frag[@]}" -f ismv "$tmp/smooth.ismv"
cp "$tmp/smooth.ismv" frag-ismv.mp4
video frag-ismv.mp4 accepted
# A fragmented recording stopped after its fourth fragment is a whole 4 s video...
python3 - frag-empty-moov-8s.mp4 frag-cut-after-4-fragments.mp4 4 <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
keep, pos, moofs = int(sys.argv[3]), 0, 0
while pos < len(data):
    size, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'moof':
        moofs += 1
        if moofs > keep:
            break
    pos += size
open(sys.argv[2], 'wb').write(data[:pos])
EOF
video frag-cut-after-4-fragments.mp4 accepted
# ...but one cut inside a fragment is not.
cut_at frag-empty-moov-8s.mp4 frag-cut-inside-a-fragment.mp4 9000
broken frag-cut-inside-a-fragment.mp4 video MP4 "refused: cut short"
# An init segment alone (the moov, no fragment) and a media segment alone (fragments, no moov).
python3 - frag-empty-moov-8s.mp4 frag-init-segment-only.mp4 frag-media-segment-only.mp4 <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
pos = 0
while pos < len(data):
    size, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'moof':
        break
    pos += size
open(sys.argv[2], 'wb').write(data[:pos])
open(sys.argv[3], 'wb').write(data[pos:])
EOF
broken frag-init-segment-only.mp4 video MP4 "refused: has no video frames"
broken frag-media-segment-only.mp4 video MP4 "refused: has no moov box"

# ---- no video at all ----------------------------------------------------------------------------------------
ff -f lavfi -i "$(sine 6)" "${aac[@]}" voice-memo.m4a
broken voice-memo.m4a video MP4 "refused: has no video track"
ff -f lavfi -i "$(sine 6)" "${aac[@]}" audio-only.mp4
broken audio-only.mp4 video MP4 "refused: has no video track"
ff -f lavfi -i "$(sine 6)" "${aac[@]}" audio-only.mov
broken audio-only.mov video MOV "refused: has no video track"

# ---- cut videos ---------------------------------------------------------------------------------------------
size=$(stat -c %s h264-aac.mov)
cut_at h264-aac.mov cut-in-mdat-moov-lost.mov $((size / 2))
broken cut-in-mdat-moov-lost.mov video MOV "refused: cut short"
# A recording whose writer died after the media data: complete boxes, but no moov.
python3 - h264-aac.mov cut-before-moov.mov <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(data[:data.rindex(b'moov') - 4])
EOF
broken cut-before-moov.mov video MOV "refused: has no moov box"
size=$(stat -c %s h264-faststart.mp4)
cut_at h264-faststart.mp4 cut-faststart-half.mp4 $((size / 2))
broken cut-faststart-half.mp4 video MP4 "refused: cut short"

# ---- images -------------------------------------------------------------------------------------------------
flat=(-size 1024x768 xc:'#336699')
grad=(-size 1024x768 gradient:'#336699-#f6ad55')
convert "${flat[@]}" PNG24:png-rgb.png && image png-rgb.png accepted
convert "${grad[@]}" -alpha set -channel A -evaluate set 60% +channel PNG32:png-rgba.png && image png-rgba.png accepted
convert "${grad[@]}" -colorspace Gray png-gray.png && image png-gray.png accepted
convert "${grad[@]}" +dither -colors 16 PNG8:png-palette.png && image png-palette.png accepted
convert "${flat[@]}" PNG48:png-16bit.png && image png-16bit.png accepted
convert "${grad[@]}" -interlace PNG png-interlaced.png && image png-interlaced.png accepted
ff -f lavfi -i "color=c=0x336699:s=640x480:r=5:d=1" -plays 0 -f apng png-animated.png
image png-animated.png accepted
convert -size 200x200 xc:'#336699' png-200x200.png && image png-200x200.png "refused: smaller than 300 px"
convert -size 3000x1000 xc:'#336699' png-panorama-3000x1000.png
image png-panorama-3000x1000.png "refused: has aspect ratio 3.00"
size=$(stat -c %s png-interlaced.png)
cut_at png-interlaced.png png-cut-half.png $((size / 2))
broken png-cut-half.png image PNG "refused: cut short"
cut_at png-rgb.png png-20-bytes.png 20
broken png-20-bytes.png image PNG "refused: cut short"
# An iOS "CgBI" PNG (what Xcode's pngcrush -iphone writes): a CgBI chunk before IHDR, BGRA pixels, a raw
# deflate stream without zlib's header. Made here from a standard PNG by ImageMagick.
convert "${grad[@]}" -alpha set PNG32:"$tmp/plain.png"
python3 - "$tmp/plain.png" png-cgbi-ios.png <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
pos, chunks = 8, []
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + n]))
    pos += 12 + n
ihdr = dict(chunks)[b'IHDR']
width, height = struct.unpack('>II', ihdr[:8])
raw = bytearray(zlib.decompress(b''.join(c for k, c in chunks if k == b'IDAT')))
row, bpp = 4 * width, 4
pixels, prev = bytearray(), bytearray(row)
for y in range(height): # undo PNG's row filters (8-bit RGBA)
    kind, line = raw[y * (row + 1)], bytearray(raw[y * (row + 1) + 1:(y + 1) * (row + 1)])
    for i in range(row):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    pixels += b'\0' + line
    prev = line
raw = pixels
for y in range(height):
    for x in range(width):
        p = y * (row + 1) + 1 + 4 * x
        raw[p], raw[p + 2] = raw[p + 2], raw[p] # RGBA to BGRA (the alpha is uniform: no premultiply shown)
deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
idat = deflate.compress(bytes(raw)) + deflate.flush()
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
out = data[:8] + chunk(b'CgBI', bytes([0x50, 0x00, 0x20, 0x06])) + chunk(b'IHDR', ihdr) + chunk(b'IDAT', idat) + chunk(b'IEND', b'')
open(sys.argv[2], 'wb').write(out)
EOF
broken png-cgbi-ios.png image PNG "refused: CgBI"

convert "${grad[@]}" -quality 50 jpeg-baseline.jpg && image jpeg-baseline.jpg accepted
convert "${grad[@]}" -quality 50 -interlace JPEG jpeg-progressive.jpg && image jpeg-progressive.jpg accepted
convert "${grad[@]}" -quality 50 -colorspace CMYK jpeg-cmyk.jpg && image jpeg-cmyk.jpg accepted
convert "${grad[@]}" -quality 50 -colorspace Gray jpeg-gray.jpg && image jpeg-gray.jpg accepted
convert "${grad[@]}" -quality 50 -sampling-factor 4:4:4 jpeg-444.jpg && image jpeg-444.jpg accepted
# A "motion photo": a JPEG with a video appended after its end-of-image marker, as Android cameras write.
cat jpeg-baseline.jpg too-short-2s.mp4 > jpeg-motion-photo.jpg
image jpeg-motion-photo.jpg accepted
size=$(stat -c %s jpeg-progressive.jpg)
cut_at jpeg-progressive.jpg jpeg-cut-half.jpg $((size / 2))
broken jpeg-cut-half.jpg image JPEG "refused: cut short"

convert "${grad[@]}" -quality 40 webp-lossy.webp && image webp-lossy.webp accepted
convert "${flat[@]}" -define webp:lossless=true webp-lossless.webp && image webp-lossless.webp accepted
convert "${grad[@]}" -alpha set -channel A -evaluate set 60% +channel -quality 40 webp-alpha.webp
image webp-alpha.webp accepted
ff -f lavfi -i "color=c=0x336699:s=640x480:r=5:d=1" -c:v libwebp_anim -loop 0 -quality 10 webp-animated.webp
image webp-animated.webp accepted
size=$(stat -c %s webp-lossy.webp)
cut_at webp-lossy.webp webp-cut-half.webp $((size / 2))
broken webp-cut-half.webp image WEBP "refused: cut short"

convert "${grad[@]}" +dither -colors 8 gif-static.gif && image gif-static.gif accepted
convert -delay 20 -size 640x480 xc:'#336699' xc:'#f6ad55' xc:'#2b6cb0' -loop 0 gif-animated.gif
image gif-animated.gif accepted
size=$(stat -c %s gif-static.gif)
cut_at gif-static.gif gif-cut-half.gif $((size / 2))
broken gif-cut-half.gif image GIF "refused: cut short"

convert "${grad[@]}" -quality 30 avif-plain.avif && image avif-plain.avif accepted
size=$(stat -c %s avif-plain.avif)
cut_at avif-plain.avif avif-cut-half.avif $((size / 2))
broken avif-cut-half.avif image AVIF "refused: cut short"
# Formats fal's image fields do not take: named as not recognised.
convert "${flat[@]}" -quality 30 heic-iphone-photo.heic
echo "heic-iphone-photo.heic,image,-,-,-,-,-,-,-,refused: not an image kling4j recognises" >> expected.csv
convert -size 16x16 xc:'#336699' bitmap.bmp
echo "bitmap.bmp,image,-,-,-,-,-,-,-,refused: not an image kling4j recognises" >> expected.csv

du -cb ./* | tail -1
