package org.collabledger.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Builds the bearer-token decoder and the token-to-roles mapping from {@link
 * SecurityProperties.Jwt}.
 */
final class JwtSupport {

    private static final Set<String> ROLES =
            Arrays.stream(AccessRules.Role.values()).map(Enum::name).collect(Collectors.toSet());

    private JwtSupport() {}

    /** A decoder that checks signature, expiry, issuer (when given) and audience. */
    static JwtDecoder decoder(SecurityProperties.Jwt jwt) {
        if (!SecurityProperties.Jwt.present(jwt.audience())) {
            throw new IllegalStateException(
                    "ledger.security.jwt needs an audience: tokens for other services "
                            + "must not be accepted here");
        }
        NimbusJwtDecoder decoder;
        if (SecurityProperties.Jwt.present(jwt.publicKeyLocation())) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt.publicKeyLocation())).build();
        } else if (SecurityProperties.Jwt.present(jwt.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(jwt.issuerUri());
        }
        OAuth2TokenValidator<Jwt> standard =
                SecurityProperties.Jwt.present(jwt.issuerUri())
                        ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
                        : JwtValidators.createDefault();
        OAuth2TokenValidator<Jwt> audience =
                token ->
                        token.getAudience() != null && token.getAudience().contains(jwt.audience())
                                ? OAuth2TokenValidatorResult.success()
                                : OAuth2TokenValidatorResult.failure(
                                        new OAuth2Error(
                                                "invalid_token",
                                                "the token is not meant for this ledger (audience)",
                                                null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(standard, audience));
        return decoder;
    }

    /**
     * The token's principal claim as the name; its ledger roles (any case) as authorities; other
     * roles ignored.
     */
    static AbstractAuthenticationToken authentication(Jwt token, SecurityProperties.Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        Object claim = token.getClaims().get(jwt.rolesClaim());
        List<?> roles =
                claim instanceof Collection<?> many
                        ? List.copyOf(many)
                        : claim instanceof String one ? List.of(one.split("[\\s,]+")) : List.of();
        for (Object role : roles) {
            String name = String.valueOf(role).toUpperCase(Locale.ROOT);
            if (ROLES.contains(name)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
            }
        }
        return new JwtAuthenticationToken(
                token, authorities, token.getClaimAsString(jwt.principalClaim()));
    }

    private static RSAPublicKey publicKey(String location) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem =
                    new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                            .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                            .replaceAll("\\s", "");
            return (RSAPublicKey)
                    KeyFactory.getInstance("RSA")
                            .generatePublic(
                                    new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the RSA public key at " + location, e);
        }
    }
}
