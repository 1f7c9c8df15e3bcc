# The Debian package of the project (CPack's DEB generator):
#   cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release && cmake --build build/release
#   cpack --config build/release/CPackConfig.cmake -B build/package   -> kiosk_VERSION_amd64.deb
# Programs in /usr/bin, assets in /usr/share/kiosk, default configuration in
# /etc/kiosk (conffiles), data in /var/lib/kiosk (made by systemd-tmpfiles),
# systemd units, udev rules and the kiosk user from image/. Its dependencies
# are the "run" role of image/packages.list, the single list of packages.

install(TARGETS kiosk kitchen-display attendant-console kiosk-backend kiosk-backup
        RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/kiosk
        PATTERN demo EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION share/doc/kiosk RENAME copyright)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/kiosk)
# A native package's changelog, compressed the way Debian wants (no name or time in the header).
set(ks_changelog_gz ${PROJECT_BINARY_DIR}/debian-control/changelog.gz)
add_custom_command(OUTPUT ${ks_changelog_gz}
    COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/image/debian/changelog > ${ks_changelog_gz}
    DEPENDS ${PROJECT_SOURCE_DIR}/image/debian/changelog VERBATIM)
add_custom_target(ks_changelog ALL DEPENDS ${ks_changelog_gz})
install(FILES ${ks_changelog_gz} DESTINATION share/doc/kiosk)

set(ks_etc ${PROJECT_SOURCE_DIR}/image/etc)
set(ks_conffiles kiosk.ini kitchen.ini attendant.ini backend.ini)
list(TRANSFORM ks_conffiles PREPEND ${ks_etc}/ OUTPUT_VARIABLE ks_conffile_sources)
install(FILES ${ks_conffile_sources} DESTINATION /etc/kiosk)
# Debian 12 keeps units and udev rules under /lib (merged /usr comes later).
install(FILES ${PROJECT_SOURCE_DIR}/image/systemd/kiosk.service
              ${PROJECT_SOURCE_DIR}/image/systemd/kitchen-display.service
              ${PROJECT_SOURCE_DIR}/image/systemd/attendant-console.service
              ${PROJECT_SOURCE_DIR}/image/systemd/kiosk-backend.service
              ${PROJECT_SOURCE_DIR}/image/systemd/kiosk-provision.service
              ${PROJECT_SOURCE_DIR}/image/backup/kiosk-backup.service
              ${PROJECT_SOURCE_DIR}/image/backup/kiosk-backup.timer
              ${PROJECT_SOURCE_DIR}/image/backup/kiosk-backend-pg-backup.service
              ${PROJECT_SOURCE_DIR}/image/backup/kiosk-backend-pg-backup.timer
        DESTINATION /lib/systemd/system)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/image/backup/kiosk-backend-pg-backup.sh
        DESTINATION libexec/kiosk RENAME kiosk-backend-pg-backup)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/image/provision/kiosk-provision.sh
        DESTINATION libexec/kiosk RENAME kiosk-provision)
install(FILES ${PROJECT_SOURCE_DIR}/image/udev/70-kiosk.rules DESTINATION /lib/udev/rules.d)
install(FILES ${PROJECT_SOURCE_DIR}/image/systemd/kiosk.sysusers
        DESTINATION lib/sysusers.d RENAME kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/image/systemd/kiosk.tmpfiles
        DESTINATION lib/tmpfiles.d RENAME kiosk.conf)

# Depends: every package of the "run" role, in the list's order.
file(STRINGS ${PROJECT_SOURCE_DIR}/image/packages.list ks_package_lines REGEX "^[a-z0-9]")
set(ks_run_packages "")
foreach(line IN LISTS ks_package_lines)
    if(line MATCHES "^([^ \t]+)[ \t]+(.*)$")
        set(ks_pkg ${CMAKE_MATCH_1})
        string(REGEX REPLACE "[ \t]+" ";" ks_roles "${CMAKE_MATCH_2}")
        if("run" IN_LIST ks_roles)
            list(APPEND ks_run_packages ${ks_pkg})
        endif()
    endif()
endforeach()
list(JOIN ks_run_packages ", " ks_depends)

# The conffiles list, written where CPack picks up the maintainer scripts.
set(ks_control_dir ${PROJECT_BINARY_DIR}/debian-control)
list(TRANSFORM ks_conffiles PREPEND /etc/kiosk/ OUTPUT_VARIABLE ks_conffile_paths)
list(JOIN ks_conffile_paths "\n" ks_conffile_text)
file(WRITE ${ks_control_dir}/conffiles "${ks_conffile_text}\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Kiosk maintainers <kiosk@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service ordering kiosk appliance")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "A fullscreen SDL2 ordering screen with Arabic and English, card payment,\n"
    "printed receipts with the ZATCA QR code, a kitchen display and a central\n"
    "backend, run as systemd services by an unprivileged user.")
# The folders kiosk/common/dirs.c compiles in.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${ks_depends}")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${ks_control_dir}/conffiles
    ${PROJECT_SOURCE_DIR}/image/debian/postinst
    ${PROJECT_SOURCE_DIR}/image/debian/prerm
    ${PROJECT_SOURCE_DIR}/image/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debug symbols stay in the build tree.
set(CPACK_STRIP_FILES ON)
include(CPack)
