/**
 * keepalived.conf, the VRRP part: {@link io.hakit.vrrp.config.KeepalivedConfigReader} reads a file
 * (with {@code include}s) into an immutable {@link io.hakit.vrrp.config.KeepalivedConfig}, with
 * {@code file:line} errors and warnings for every keyword it does not apply;
 * {@link io.hakit.vrrp.config.KeepalivedRunner} builds and runs its instances, scripts and notify
 * hooks like {@code keepalived -n -f}.
 */
@NullMarked
package io.hakit.vrrp.config;

import org.jspecify.annotations.NullMarked;
