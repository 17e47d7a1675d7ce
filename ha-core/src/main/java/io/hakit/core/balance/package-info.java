/**
 * The balancer SPI, free of Netty so anyone can write one: a
 * {@link io.hakit.core.balance.LoadBalancerFactory} names an algorithm and says which
 * {@link io.hakit.core.balance.BalanceInput} it needs; its
 * {@link io.hakit.core.balance.LoadBalancer} picks a {@link io.hakit.core.balance.ServerView} per
 * {@link io.hakit.core.balance.BalanceRequest} and keeps its state current through hooks.
 */
@NullMarked
package io.hakit.core.balance;

import org.jspecify.annotations.NullMarked;
