# CPack: `cpack -G DEB` and `cpack -G TGZ` in a build folder (scripts/package.sh does both).
# Included at the end of the top CMakeLists.txt, after every install() rule.
# The Windows (NSIS) and macOS (DragNDrop) blocks are set up but untested: neither system is
# built here, and neither package bundles Qt yet (windeployqt / macdeployqt are still to do).

set(CPACK_PACKAGE_NAME spanlight)
set(CPACK_PACKAGE_VENDOR Spanlight)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Trace console with an embedded OpenTelemetry, Zipkin and Jaeger collector")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Spanlight)
set(CPACK_PACKAGE_EXECUTABLES spanlight Spanlight)
set(SPANLIGHT_PACKAGE_CONTACT "Spanlight maintainers <maintainers@users.noreply.b-seed-ba631e86.example>"
    CACHE STRING "Maintainer named in the packages")
set(CPACK_PACKAGE_CONTACT "${SPANLIGHT_PACKAGE_CONTACT}")
# The release preset builds with debug info; the packages carry the programs without it.
set(CPACK_STRIP_FILES ON)

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB TGZ)
    # Install into a staging root with DESTDIR, so that the one absolute destination (/etc) lands
    # in the package and never in the build machine's /etc. The TGZ holds the same tree as the
    # .deb (usr/..., etc/spanlight/...) under one top folder.
    set(CPACK_SET_DESTDIR ON)
    set(CPACK_INSTALL_PREFIX /usr)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # spanlight_<version>_<arch>.deb
    set(CPACK_PACKAGE_FILE_NAME spanlight-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}) # the TGZ
    set(CPACK_DEBIAN_PACKAGE_SECTION devel)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    # CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line itself.
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
        "A desktop trace console (spanlight) and the same server without a window
(spanlightd, with a systemd unit that is installed but not enabled). It takes
OTLP over HTTP and gRPC, Zipkin v2 and Jaeger Thrift, stores traces in SQLite
or PostgreSQL and serves them through a REST API.")
    # The shared libraries the programs link (Qt, gRPC, protobuf, SQLite, zlib) come from
    # dpkg-shlibdeps (dpkg-dev). What it cannot see is loaded at run time and listed here:
    # - the QML modules of the console's imports and of what they import in turn
    #   (qmlimportscanner over qml/: QtQuick imports QtQml, which imports QtQml.Models and
    #   QtQml.WorkerScript; QtQuick.Controls needs Templates, Window and, in its styles, Shapes;
    #   QtCharts draws the Performance page's trends; QtQuick.Dialogs' FileDialog, when no native
    #   one is offered, lists folders with Qt.labs.folderlistmodel). The packaging test compares this list
    #   with the imports in qml/;
    # - the Qt SQL drivers, plugins of QtSql (SQLite is the default store, PostgreSQL the other);
    # - fonts for the console's text: DejaVu for Latin, a CJK font for the Simplified Chinese
    #   translation (WenQuanYi Micro Hei, 1.6 MB; Noto CJK, 56 MB, serves as well where it is
    #   installed), and Mesa's OpenGL drivers (llvmpipe where there is no GPU);
    # - adduser for the postinst's system user.
    # The platform plugins (xcb, offscreen) and the TLS backend are in libqt6gui6 and
    # libqt6network6 on Debian 12, which the scan finds.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(spanlight_runtime_packages libqt6sql6-sqlite libqt6sql6-psql adduser)
    if(SPANLIGHT_BUILD_GUI)
        list(APPEND spanlight_runtime_packages
        qml6-module-qt-labs-folderlistmodel
        qml6-module-qtcharts
        qml6-module-qtqml
        qml6-module-qtqml-models
        qml6-module-qtqml-workerscript
        qml6-module-qtquick
        qml6-module-qtquick-controls
        qml6-module-qtquick-dialogs
        qml6-module-qtquick-layouts
        qml6-module-qtquick-shapes
        qml6-module-qtquick-templates
        qml6-module-qtquick-window
        fonts-dejavu-core
        "fonts-wqy-microhei | fonts-noto-cjk"
        libgl1-mesa-dri)
    endif()
    list(JOIN spanlight_runtime_packages ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS postgresql)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
        ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
        ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
        ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
        ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
elseif(WIN32)
    # Untested: an NSIS installer with a Start menu entry. Qt's DLLs and QML modules are not
    # bundled yet (windeployqt).
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME Spanlight)
    set(CPACK_NSIS_PACKAGE_NAME Spanlight)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH OFF)
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin/spanlight.exe)
elseif(APPLE)
    # Untested: a disk image holding Spanlight.app (app/spanlight builds a bundle on macOS).
    # Qt's frameworks and QML modules are not bundled yet (macdeployqt).
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Spanlight)
    set(CPACK_DMG_FORMAT UDZO)
endif()

include(CPack)
