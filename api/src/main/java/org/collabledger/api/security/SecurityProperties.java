package org.collabledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings. {@code devUsers} turns on the documented development users (artist, curator,
 * finance, auditor) with {@code devPassword}; only the embedded default profile enables them.
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(boolean devUsers, String devPassword) {
}
