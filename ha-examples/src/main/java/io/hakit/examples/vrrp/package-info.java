/**
 * {@code hakit vrrp -f keepalived.conf}: keepalived's VRRP half as a HAKit command, on the Linux
 * raw socket and rtnetlink.
 */
@NullMarked
package io.hakit.examples.vrrp;

import org.jspecify.annotations.NullMarked;
