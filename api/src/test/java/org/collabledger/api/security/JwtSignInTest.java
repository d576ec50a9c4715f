package org.collabledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production sign-in: OAuth2 bearer tokens checked for signature, expiry and audience, roles from
 * the token, the token's subject as the actor; the dev users are off and do not get in.
 */
// Closed after the class: a context left for the JVM's exit keeps its processors polling through
// later classes.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ledger.demo.enabled=false",
            "ledger.security.dev-users=false",
            "ledger.security.jwt.audience=collaboration-ledger"
        })
class JwtSignInTest {

    private static final RSAKey ISSUER = key();
    private static final RSAKey STRANGER = key();

    @LocalServerPort int port;

    @Autowired EventFeed feed;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws IOException {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Path pem = Files.createTempFile("issuer", ".pem");
        pem.toFile().deleteOnExit();
        try {
            Files.writeString(
                    pem,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder()
                                    .encodeToString(ISSUER.toRSAPublicKey().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        registry.add("ledger.security.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void aValidTokenSignsInWithItsRolesAndItsSubjectBecomesTheActor() {
        LedgerHttp.Response registered =
                bearer(
                                token(
                                        ISSUER,
                                        "zoe@idp",
                                        "collaboration-ledger",
                                        List.of("artist"),
                                        Instant.now().plusSeconds(300)))
                        .post("/api/artists", Map.of("handle", "zoe-jwt", "displayName", "Zoe"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(
                        feed.ofAggregate(registered.id(), "Artist", Long.MAX_VALUE)
                                .get(0)
                                .metadata()
                                .path("actor")
                                .asText())
                .isEqualTo("zoe@idp");

        LedgerHttp.Response auditorWrites =
                bearer(
                                token(
                                        ISSUER,
                                        "ann@idp",
                                        "collaboration-ledger",
                                        List.of("AUDITOR"),
                                        Instant.now().plusSeconds(300)))
                        .post("/api/artists", Map.of("handle", "ann", "displayName", "Ann"));
        assertThat(auditorWrites.status()).isEqualTo(403);
    }

    @Test
    void wrongAudienceExpiredForeignSignedAndDevUsersAreRefused() {
        long before = feed.count();
        Instant later = Instant.now().plusSeconds(300);
        for (String token :
                List.of(
                        token(ISSUER, "zoe@idp", "another-service", List.of("artist"), later),
                        token(
                                ISSUER,
                                "zoe@idp",
                                "collaboration-ledger",
                                List.of("artist"),
                                Instant.now().minusSeconds(600)),
                        token(
                                STRANGER,
                                "zoe@idp",
                                "collaboration-ledger",
                                List.of("artist"),
                                later),
                        "not.a.token")) {
            LedgerHttp.Response refused =
                    bearer(token)
                            .post("/api/artists", Map.of("handle", "eve", "displayName", "Eve"));
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(LedgerHttp.on(port, "artist").get("/api/events").status()).isEqualTo(401);
        assertThat(feed.count()).isEqualTo(before);
    }

    private LedgerHttp bearer(String token) {
        return LedgerHttp.on(port, null).withHeader("authorization", "Bearer " + token);
    }

    private static String token(
            RSAKey key, String subject, String audience, List<String> roles, Instant expires) {
        try {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader(JWSAlgorithm.RS256),
                            new JWTClaimsSet.Builder()
                                    .subject(subject)
                                    .audience(audience)
                                    .issueTime(new Date())
                                    .expirationTime(Date.from(expires))
                                    .claim("roles", roles)
                                    .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
