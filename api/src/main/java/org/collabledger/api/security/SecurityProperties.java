package org.collabledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings. {@code devUsers} turns on the documented development users (artist, artist2,
 * curator, finance, auditor) with {@code devPassword}; only the embedded default profile enables
 * them. {@code jwt} turns on OAuth2 bearer tokens, the production sign-in.
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(boolean devUsers, String devPassword, @DefaultValue Jwt jwt) {

    /**
     * Bearer tokens (JWT): signed by the keys at {@code jwkSetUri}, or by the issuer's published
     * keys ({@code issuerUri}), or by one RSA public key in PEM ({@code publicKeyLocation}, for
     * offline set-ups and tests). The token must name {@code audience}; its {@code rolesClaim}
     * lists the ledger roles and its {@code principalClaim} becomes the actor.
     */
    public record Jwt(
            String issuerUri,
            String jwkSetUri,
            String publicKeyLocation,
            String audience,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String principalClaim) {

        /** Whether any key source is configured. */
        public boolean enabled() {
            return present(issuerUri) || present(jwkSetUri) || present(publicKeyLocation);
        }

        static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }
}
