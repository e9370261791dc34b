#!/usr/bin/env bash
# The .deb (and the TGZ) made from the current build tree, taken apart and checked:
#   tst_package.sh BUILD_DIR SOURCE_DIR VERSION GUI(ON|OFF)
# Runs cpack ($CPACK, default cpack) into a temporary folder (no rebuild: it packs the binaries already built), then
# reads the package with dpkg-deb -c / -f / -e / -x. Prints one ok/FAIL/skip line per check and
# 'N passed, M failed, K skipped'; exits 1 when any check failed. Tools that only some machines
# have (desktop-file-validate, appstreamcli, systemd-analyze, man) skip their check, saying so.
set -uo pipefail
BUILD=$(cd "${1:?usage: tst_package.sh BUILD_DIR SOURCE_DIR VERSION GUI}" && pwd)
SOURCE=$(cd "${2:?source dir}" && pwd)
VERSION=${3:?version}
GUI=${4:-ON}
APP_ID=io.spanlight.Spanlight

PASSED=0 FAILED=0 SKIPPED=0
ok()   { PASSED=$((PASSED + 1)); echo "ok $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1: $2"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "skip $1: $2"; }
check() { # check NAME COMMAND...: ok when the command succeeds, else FAIL with its output
    local name=$1 out; shift
    if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$(printf '%s' "$out" | tr '\n' ' ' | cut -c1-400)"; fi
}
finish() {
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    [ "$FAILED" = 0 ]
    exit
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/spanlight-package.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# --- build the packages -----------------------------------------------------------------
if ! (cd "$BUILD" && "${CPACK:-cpack}" --config CPackConfig.cmake -G "DEB;TGZ" -B "$TMP/out") >"$TMP/cpack.log" 2>&1; then
    fail cpack "$(tail -n 5 "$TMP/cpack.log" | tr '\n' ' ')"
    finish
fi
ARCH=$(dpkg --print-architecture)
DEB=$TMP/out/spanlight_${VERSION}_${ARCH}.deb
if [ -f "$DEB" ]; then ok "deb.name spanlight_${VERSION}_${ARCH}.deb"
else fail deb.name "no spanlight_${VERSION}_${ARCH}.deb; cpack made: $(ls "$TMP/out" | tr '\n' ' ')"; finish; fi
TGZ=$(ls "$TMP"/out/spanlight-"$VERSION"-linux-*.tar.gz 2>/dev/null | head -n 1)
if [ -n "$TGZ" ]; then ok "tgz.name $(basename "$TGZ")"; else fail tgz.name "no spanlight-$VERSION-linux-*.tar.gz"; fi

# --- contents: every file, with its mode and owner ----------------------------------------
dpkg-deb -c "$DEB" >"$TMP/contents" || fail deb.contents "dpkg-deb -c failed"
# lines: mode owner size date time path
want() { # want PATH MODE
    local line
    line=$(awk -v p="./$1" '$6 == p' "$TMP/contents")
    if [ -z "$line" ]; then fail "file /$1" "missing from the package"
    elif [ "$(awk '{print $1, $2}' <<<"$line")" != "$2 root/root" ]; then
        fail "file /$1" "is $(awk '{print $1, $2}' <<<"$line"), want $2 root/root"
    else ok "file /$1 $2"; fi
}
want usr/bin/spanlightd -rwxr-xr-x
want usr/share/man/man1/spanlightd.1.gz -rw-r--r--
want usr/lib/systemd/system/spanlightd.service -rw-r--r--
want usr/lib/sysusers.d/spanlight.conf -rw-r--r--
want etc/spanlight/spanlightd.env -rw-------
if [ "$GUI" = ON ]; then
    want usr/bin/spanlight -rwxr-xr-x
    want usr/share/man/man1/spanlight.1.gz -rw-r--r--
    want usr/share/applications/$APP_ID.desktop -rw-r--r--
    want usr/share/metainfo/$APP_ID.metainfo.xml -rw-r--r--
    want usr/share/icons/hicolor/scalable/apps/$APP_ID.svg -rw-r--r--
    for size in 16 32 48 64 128 256; do
        want usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png -rw-r--r--
    done
fi
# Nothing from the tests, benchmarks or headers, and nothing under /usr/local.
stray=$(awk '$6 !~ /\/$/ {print $6}' "$TMP/contents" | grep -vE '^\./(usr/bin|usr/share/(applications|metainfo|icons|man)|usr/lib/(systemd/system|sysusers\.d)|etc/spanlight)/' || true)
if [ -z "$stray" ]; then ok "no files beyond the expected folders"; else fail "stray files" "$(echo $stray)"; fi

# --- control fields -----------------------------------------------------------------------
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = spanlight ] && ok "control Package" || fail "control Package" "$(field Package)"
[ "$(field Version)" = "$VERSION" ] && ok "control Version $VERSION" || fail "control Version" "$(field Version)"
[ "$(field Architecture)" = "$ARCH" ] && ok "control Architecture" || fail "control Architecture" "$(field Architecture)"
[ -n "$(field Maintainer)" ] && ok "control Maintainer" || fail "control Maintainer" "empty"
[ -n "$(field Description)" ] && ok "control Description" || fail "control Description" "empty"
DEPENDS=$(field Depends)
# Package names in Depends, one a line (alternatives split, versions dropped).
tr ',|' '\n\n' <<<"$DEPENDS" | sed 's/(.*)//; s/^ *//; s/ *$//' | grep -v '^$' | sort -u >"$TMP/depends"
depends_on() { # depends_on NAME WHY
    if grep -qxF "$1" "$TMP/depends"; then ok "Depends $1 ($2)"; else fail "Depends $1" "missing ($2); Depends: $DEPENDS"; fi
}
depends_on libqt6sql6-sqlite "QtSql driver plugin, not linked"
depends_on libqt6sql6-psql "QtSql driver plugin, not linked"
depends_on adduser "the postinst's system user"
for lib in libqt6core6 libqt6network6 libqt6sql6 libprotobuf32 libsqlite3-0 zlib1g libc6 libhiredis0.14; do
    depends_on $lib "linked"
done
grep -q '^libgrpc++' "$TMP/depends" && ok "Depends libgrpc++* (linked)" || fail "Depends libgrpc++*" "missing; Depends: $DEPENDS"
if [ "$GUI" = ON ]; then
    for lib in libqt6gui6 libqt6qml6 libqt6widgets6; do depends_on $lib "linked"; done
    # Every module the console's QML imports, by Debian's naming rule (QtQuick.Controls ->
    # qml6-module-qtquick-controls), plus what those import in turn.
    imports=$(sed -n 's/^[[:space:]]*import[[:space:]]\{1,\}\([A-Za-z][A-Za-z0-9.]*\).*/\1/p' "$SOURCE"/qml/*.qml | sort -u | grep -vx Spanlight)
    [ -n "$imports" ] || fail "qml imports" "found no import lines in $SOURCE/qml"
    for m in $imports; do
        depends_on "qml6-module-$(tr 'A-Z.' 'a-z-' <<<"$m")" "imported by qml/"
    done
    for m in qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtquick-shapes \
             qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript \
             qml6-module-qt-labs-folderlistmodel; do
        depends_on $m "imported by the QML modules the console imports"
    done
    depends_on fonts-dejavu-core "text"
    depends_on fonts-wqy-microhei "CJK glyphs of the zh_CN translation"
    grep -q 'fonts-wqy-microhei *| *fonts-noto-cjk' <<<"$DEPENDS" && ok "Depends fonts-wqy-microhei | fonts-noto-cjk" \
        || fail "Depends fonts-wqy-microhei | fonts-noto-cjk" "not an alternative; Depends: $DEPENDS"
    depends_on libgl1-mesa-dri "OpenGL, llvmpipe without a GPU"
fi

# Every package Depends names exists in this machine's Debian archive (needs apt's lists).
# (grep reads a variable, not a pipe: with pipefail, grep -q closing the pipe early fails it.)
# One apt-cache call for all (it is slow to start): "name:" lines, each followed by its Candidate.
policy=$(xargs apt-cache policy libc6 <"$TMP/depends" 2>/dev/null)
known=$(awk '/^[^ ].*:$/ {name = substr($0, 1, length($0) - 1)} $1 == "Candidate:" && $2 ~ /^[0-9]/ {print name}' <<<"$policy" | sort -u)
if grep -qx libc6 <<<"$known"; then
    unknown=$(comm -23 "$TMP/depends" - <<<"$known")
    [ -z "$unknown" ] && ok "every dependency exists in the archive" || fail "unknown dependencies" "$(echo $unknown)"
else
    skip "dependencies exist in the archive" "apt's package lists are empty (apt-get update)"
fi

# --- maintainer scripts and conffiles -----------------------------------------------------
dpkg-deb -e "$DEB" "$TMP/control"
if grep -qx /etc/spanlight/spanlightd.env "$TMP/control/conffiles" 2>/dev/null; then ok "conffile /etc/spanlight/spanlightd.env"
else fail conffiles "/etc/spanlight/spanlightd.env is not a conffile"; fi
for s in postinst prerm postrm; do
    if [ ! -x "$TMP/control/$s" ]; then fail "$s" "missing or not executable"; continue; fi
    check "$s is valid sh" sh -n "$TMP/control/$s"
    if grep -qE 'systemctl[^#]*(enable|start)|deb-systemd-helper|deb-systemd-invoke' "$TMP/control/$s"; then
        fail "$s leaves the unit alone" "it enables or starts a unit"
    else ok "$s neither enables nor starts the unit"; fi
done
grep -q 'adduser --system --group' "$TMP/control/postinst" && grep -q 'spanlight' "$TMP/control/postinst" \
    && ok "postinst creates the spanlight system user" || fail postinst "no adduser --system --group spanlight"

# --- the files themselves -----------------------------------------------------------------
ROOT=$TMP/root
dpkg-deb -x "$DEB" "$ROOT" || { fail extract "dpkg-deb -x failed"; finish; }

# The programs run from the extracted tree.
out=$("$ROOT/usr/bin/spanlightd" --version 2>/dev/null)
[ "$out" = "spanlightd $VERSION" ] && ok "spanlightd --version" || fail "spanlightd --version" "printed '$out'"
help_d=$("$ROOT/usr/bin/spanlightd" --help 2>/dev/null)
if [ "$GUI" = ON ]; then
    out=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$TMP "$ROOT/usr/bin/spanlight" --version 2>/dev/null)
    [ "$out" = "spanlight $VERSION" ] && ok "spanlight --version" || fail "spanlight --version" "printed '$out'"
fi
# The release preset builds with debug info; the package must not carry it (CPACK_STRIP_FILES).
for bin in "$ROOT"/usr/bin/*; do
    sections=$(objdump -h "$bin")
    if grep -qE '\.debug_info|\.symtab' <<<"$sections"; then fail "$(basename "$bin") is stripped" "it has debug info or a symbol table"
    else ok "$(basename "$bin") is stripped"; fi
done

# Every shared library the programs need directly comes from a package in Depends.
libs_before=$FAILED
: >"$TMP/needed"
for bin in "$ROOT"/usr/bin/*; do
    ldd "$bin" >"$TMP/ldd" 2>&1
    while read -r lib; do
        # "libfoo.so.1 => /path (0x...)", or "/lib64/ld-linux-x86-64.so.2 (0x...)" for the loader
        path=$(awk -v l="$lib" '$1 == l && $2 == "=>" {print $3} $1 ~ ("/" l "$") {print $1}' "$TMP/ldd" | head -n 1)
        if [ -z "$path" ] || [ "$path" = "not" ]; then fail "$(basename "$bin") needs $lib" "ldd does not resolve it"
        else echo "$(basename "$bin") $lib $path" >>"$TMP/needed"; fi
    done < <(objdump -p "$bin" | awk '$1 == "NEEDED" {print $2}')
done
# One dpkg -S for all (it is slow to start); merged /usr means a path may be known as /lib/...
# or /usr/lib/..., so each library is looked up under every spelling.
while read -r _ _ path; do
    echo "$path"; readlink -f "$path"; echo "/usr${path#/usr}"; echo "${path#/usr}"
done <"$TMP/needed" | sort -u >"$TMP/paths"
xargs -r dpkg -S <"$TMP/paths" 2>/dev/null | sed 's/^\([^:]*\)[^ ]* \(.*\)$/\2 \1/' >"$TMP/owners"
while read -r bin lib path; do
    owner=$(awk -v a="$path" -v b="$(readlink -f "$path")" -v c="/usr${path#/usr}" -v d="${path#/usr}" \
        '$1 == a || $1 == b || $1 == c || $1 == d {print $2; exit}' "$TMP/owners")
    if [ -z "$owner" ]; then fail "$bin needs $lib" "no package owns $path"
    elif ! grep -qxF "$owner" "$TMP/depends"; then fail "$bin needs $lib" "from $owner, which Depends lacks"; fi
done <"$TMP/needed"
[ "$FAILED" = "$libs_before" ] && ok "every library the programs link comes from a package in Depends"

# Desktop entry.
if [ "$GUI" = ON ]; then
    desktop=$ROOT/usr/share/applications/$APP_ID.desktop
    if command -v desktop-file-validate >/dev/null; then check "desktop-file-validate" desktop-file-validate "$desktop"
    else skip desktop-file-validate "not installed (desktop-file-utils)"; fi
    for kv in 'Type=Application' 'Exec=spanlight' "Icon=$APP_ID" 'Terminal=false'; do
        grep -qxF "$kv" "$desktop" && ok "desktop $kv" || fail "desktop $kv" "missing"
    done
    grep -qE '^Categories=(.*;)?Development;(.*;)?Monitor;' "$desktop" && ok "desktop Categories Development;Monitor;" \
        || fail "desktop Categories" "$(grep ^Categories= "$desktop")"
    # No spanlight:// handler until the console opens such links (and hands them to a running
    # console instead of starting a second server): a registered handler that fails is worse.
    ! grep -q '^MimeType=.*x-scheme-handler/spanlight' "$desktop" && ok "desktop registers no link handler yet" \
        || fail "desktop MimeType" "registers spanlight:// links, which the console cannot open yet"

    # AppStream metainfo.
    meta=$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml
    if command -v appstreamcli >/dev/null; then check "appstreamcli validate" appstreamcli validate --no-net "$meta"
    else skip "appstreamcli validate" "not installed (appstream)"; fi
    grep -q "<id>$APP_ID</id>" "$meta" && grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$meta" \
        && ok "metainfo id and launchable" || fail metainfo "id or launchable is not $APP_ID"
    grep -q "<release version=\"$VERSION\"" "$meta" && ok "metainfo lists release $VERSION" \
        || fail "metainfo release" "no <release version=\"$VERSION\"> (update packaging/$APP_ID.metainfo.xml)"

    # Icons: the SVG is XML, each PNG really is a PNG of its size.
    svg=$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg
    if command -v xmllint >/dev/null; then check "icon SVG is well-formed" xmllint --noout "$svg"
    else grep -q '<svg' "$svg" && ok "icon SVG" || fail "icon SVG" "no <svg> element"; fi
    for size in 16 32 48 64 128 256; do
        png=$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png
        [ -f "$png" ] || continue
        magic=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
        dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3 * 256 + $4 "x" $7 * 256 + $8}')
        if [ "$magic" = 89504e470d0a1a0a ] && [ "$dims" = "${size}x${size}" ]; then ok "icon PNG ${size}x${size}"
        else fail "icon PNG ${size}x${size}" "magic $magic, size $dims"; fi
    done
fi

# Man pages: gzipped roff that man renders without warnings, naming every flag and variable of
# the program's --help.
man_pages=(spanlightd)
[ "$GUI" = ON ] && man_pages+=(spanlight)
for page in "${man_pages[@]}"; do
    gz=$ROOT/usr/share/man/man1/$page.1.gz
    [ -f "$gz" ] || continue
    if ! gzip -t "$gz" 2>/dev/null; then fail "man $page.1.gz" "not gzip"; continue; fi
    zcat "$gz" >"$TMP/$page.1"
    grep -q "^\.TH $(tr a-z A-Z <<<"$page") 1 .*$VERSION" "$TMP/$page.1" && ok "man $page.1 is roff (.TH, version $VERSION)" \
        || fail "man $page.1" "no '.TH ${page^^} 1 ... $VERSION' line"
    if command -v man >/dev/null; then
        warnings=$(MANWIDTH=80 man --warnings -l "$TMP/$page.1" 2>&1 >/dev/null)
        rendered=$(MANWIDTH=80 man -l "$TMP/$page.1" 2>/dev/null)
        if [ -z "$warnings" ] && grep -q '^NAME' <<<"$rendered"; then ok "man -l $page.1 renders cleanly"
        else fail "man -l $page.1" "${warnings:-no NAME section}"; fi
    else
        skip "man -l $page.1" "man is not installed"
    fi
    help=$help_d
    [ "$page" = spanlight ] && help=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$TMP "$ROOT/usr/bin/spanlight" --help 2>/dev/null)
    missing=""
    for flag in $(grep -oE '^ *(-[a-z], )?--[a-z-]+' <<<"$help" | grep -oE -- '--[a-z-]+'); do
        grep -qF -- "$(sed 's/-/\\-/g' <<<"$flag")" "$TMP/$page.1" || missing="$missing $flag"
    done
    for env in $(tr '\n' ' ' <<<"$help" | grep -oE '\[env +[A-Z_]+\]|env +SPANLIGHT_CONFIG' | grep -oE '[A-Z_]{3,}'); do
        grep -qF "$env" "$TMP/$page.1" || missing="$missing $env"
    done
    [ -z "$missing" ] && ok "man $page.1 documents every flag and variable of --help" \
        || fail "man $page.1 incomplete" "lacks$missing"
done

# systemd unit, system user and environment file.
unit=$ROOT/usr/lib/systemd/system/spanlightd.service
for kv in 'ExecStart=/usr/bin/spanlightd' 'User=spanlight' 'StateDirectory=spanlight' \
          'EnvironmentFile=-/etc/spanlight/spanlightd.env' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
          'ProtectHome=yes' 'PrivateTmp=yes' 'Restart=on-failure' 'RestartPreventExitStatus=2' \
          'WantedBy=multi-user.target' \
          'Environment=SPANLIGHT_CONFIG=/var/lib/spanlight/spanlight.conf' 'Environment=HOME=/var/lib/spanlight'; do
    grep -qxF "$kv" "$unit" && ok "unit $kv" || fail "unit $kv" "missing"
done
if command -v systemd-analyze >/dev/null; then
    # verify wants the ExecStart binary to exist: point it at the extracted one.
    mkdir -p "$TMP/unit"
    sed "s|^ExecStart=/usr/bin/spanlightd|ExecStart=$ROOT/usr/bin/spanlightd|" "$unit" >"$TMP/unit/spanlightd.service"
    printf '[Service]\nExecStart=/bin/true\n' >"$TMP/unit/probe.service"
    if systemd-analyze verify --man=no "$TMP/unit/probe.service" >/dev/null 2>&1; then
        # verify exits 0 on unknown keys and bad values too, so any message is a failure.
        if out=$(systemd-analyze verify --man=no "$TMP/unit/spanlightd.service" 2>&1) && [ -z "$out" ]; then
            ok "systemd-analyze verify spanlightd.service"
        else fail "systemd-analyze verify" "$(tr '\n' ' ' <<<"$out")"; fi
    else
        skip "systemd-analyze verify" "it cannot verify even a trivial unit here"
    fi
else
    skip "systemd-analyze verify" "not installed"
fi
grep -qE '^u spanlight - .* /var/lib/spanlight$' "$ROOT/usr/lib/sysusers.d/spanlight.conf" \
    && ok "sysusers.d: user spanlight, home /var/lib/spanlight" || fail sysusers.d "no 'u spanlight' line"
envfile=$ROOT/etc/spanlight/spanlightd.env
grep -qx 'DATABASE_URL=sqlite:///var/lib/spanlight/spanlight.db' "$envfile" \
    && ok "env file: the database in /var/lib/spanlight" || fail "env file DATABASE_URL" "not sqlite:///var/lib/spanlight/spanlight.db"
missing=""
for env in $(tr '\n' ' ' <<<"$help_d" | grep -oE '\[env +[A-Z_]+\]' | grep -oE '[A-Z_]{3,}'); do
    grep -qE "^#?$env=" "$envfile" || missing="$missing $env"
done
[ -z "$missing" ] && ok "env file names every variable of spanlightd --help" || fail "env file incomplete" "lacks$missing"
# The unit's settings as spanlightd reads them: the env file must parse and pass validation.
(
    set -a; . "$envfile"; set +a
    export HOME=$TMP/home SPANLIGHT_CONFIG=$TMP/home/spanlight.conf API_TOKEN=check DATABASE_URL=sqlite://$TMP/check.db
    for p in SERVICE_PORT OTLP_HTTP_PORT OTLP_GRPC_PORT ZIPKIN_PORT JAEGER_HTTP_PORT; do export $p=0; done
    timeout 10 "$ROOT/usr/bin/spanlightd" --log-level WARNING >"$TMP/run.log" 2>&1 &
    pid=$!
    sleep 2
    kill -0 $pid 2>/dev/null || { cat "$TMP/run.log"; exit 1; }
    kill -TERM $pid; wait $pid
) >"$TMP/run.out" 2>&1 && ok "spanlightd starts with the env file and stops on SIGTERM" \
    || fail "spanlightd with the env file" "$(tr '\n' ' ' <"$TMP/run.out" | cut -c1-300)"

# --- the TGZ holds the same tree ----------------------------------------------------------
if [ -n "$TGZ" ]; then
    top=$(basename "$TGZ" .tar.gz)
    tar -tzf "$TGZ" | grep -v '/$' | sed "s|^$top/||" | sort >"$TMP/tgz.files"
    awk '$6 !~ /\/$/ {print substr($6, 3)}' "$TMP/contents" | sort >"$TMP/deb.files"
    if diff -u "$TMP/deb.files" "$TMP/tgz.files" >"$TMP/tree.diff"; then ok "TGZ holds the same files as the .deb"
    else fail "TGZ tree" "$(tr '\n' ' ' <"$TMP/tree.diff" | cut -c1-300)"; fi
fi

finish
