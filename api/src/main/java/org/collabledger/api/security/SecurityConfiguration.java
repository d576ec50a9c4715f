package org.collabledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.collabledger.api.web.Problems;
import org.collabledger.domain.shared.ErrorCode;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Sign-in, and who may call what as {@link AccessRules} lists it: nothing outside its rows and open
 * paths is served. Refusals are problem+json too.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The realm a 401's challenge names. */
    static final String REALM = "collaboration ledger";

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectMapper json,
            SecurityProperties properties,
            ArtistAccess access)
            throws Exception {
        SecurityProperties.Jwt jwt = properties.jwt();
        if (jwt.enabled()) {
            var decoder = JwtSupport.decoder(jwt);
            http.oauth2ResourceServer(
                    server ->
                            server.authenticationEntryPoint(
                                            (request, response, e) ->
                                                    unauthenticated(
                                                            request,
                                                            response,
                                                            json,
                                                            true,
                                                            "the bearer token is missing, expired, "
                                                                    + "wrongly signed or not meant for this ledger"))
                                    .jwt(
                                            token ->
                                                    token.decoder(decoder)
                                                            .jwtAuthenticationConverter(
                                                                    t ->
                                                                            JwtSupport
                                                                                    .authentication(
                                                                                            t,
                                                                                            jwt))));
        }
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(
                        basic ->
                                basic.authenticationEntryPoint(
                                        (request, response, e) ->
                                                unauthenticated(
                                                        request,
                                                        response,
                                                        json,
                                                        jwt.enabled(),
                                                        "sign in to use the ledger")))
                .exceptionHandling(
                        ex ->
                                ex.authenticationEntryPoint(
                                                (request, response, e) ->
                                                        unauthenticated(
                                                                request,
                                                                response,
                                                                json,
                                                                jwt.enabled(),
                                                                "sign in to use the ledger"))
                                        .accessDeniedHandler(
                                                (request, response, e) -> {
                                                    if (e instanceof NotYourArtist refusal) {
                                                        Problems.write(
                                                                response,
                                                                json,
                                                                Problems.of(
                                                                        HttpStatus.FORBIDDEN,
                                                                        ErrorCode.NOT_YOUR_ARTIST
                                                                                .slug(),
                                                                        refusal.field(),
                                                                        refusal.getMessage()));
                                                    } else {
                                                        write(
                                                                response,
                                                                json,
                                                                HttpStatus.FORBIDDEN,
                                                                "forbidden",
                                                                "your role may not do this");
                                                    }
                                                }))
                .authorizeHttpRequests(
                        auth -> {
                            auth.requestMatchers(AccessRules.OPEN.toArray(String[]::new))
                                    .permitAll()
                                    // The pages are static; every figure on them comes from the API
                                    // under the reader's sign-in.
                                    .requestMatchers(
                                            HttpMethod.GET,
                                            AccessRules.OPEN_PAGES.toArray(String[]::new))
                                    .permitAll();
                            // Most specific first, as Spring MVC picks the handler, so a request
                            // meets its own operation's rule.
                            AccessRules.API.stream()
                                    .sorted(
                                            Comparator.comparing(
                                                    (AccessRules.Rule rule) ->
                                                            PathPatternParser.defaultInstance.parse(
                                                                    rule.path()),
                                                    PathPattern.SPECIFICITY_COMPARATOR))
                                    .forEach(
                                            rule ->
                                                    auth.requestMatchers(rule.method(), rule.path())
                                                            .access(decide(rule, access)));
                            auth.anyRequest().denyAll();
                        })
                .build();
    }

    /**
     * A row's rule: one of its roles, and where the row holds an artist to the {@code {artistId}}
     * of the path, a principal calling only as an artist must have registered that artist.
     */
    private static AuthorizationManager<RequestAuthorizationContext> decide(
            AccessRules.Rule rule, ArtistAccess access) {
        AuthorityAuthorizationManager<RequestAuthorizationContext> roles =
                AuthorityAuthorizationManager.hasAnyRole(
                        rule.roles().stream().map(Enum::name).toArray(String[]::new));
        if (rule.artistLimit() != AccessRules.ArtistLimit.ARTIST_IN_PATH) {
            return roles;
        }
        return (authentication, context) -> {
            boolean granted = roles.authorize(authentication, context).isGranted();
            Authentication principal = authentication.get();
            if (granted && rule.limitsArtist(ArtistAccess.rolesOf(principal))) {
                String artistId = context.getVariables().get("artistId");
                if (!access.actsFor(principal.getName(), artistId)) {
                    throw new NotYourArtist(
                            "artistId", "you may act only for an artist you registered");
                }
            }
            return new AuthorizationDecision(granted);
        };
    }

    /** The documented development users, one per role; absent unless the profile turns them on. */
    @Bean
    UserDetailsService users(SecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        if (properties.devUsers()) {
            if (properties.devPassword() == null || properties.devPassword().isBlank()) {
                throw new IllegalStateException(
                        "ledger.security.dev-users needs ledger.security.dev-password");
            }
            // The dev password is documented in the README, so hashing it protects nothing; bcrypt
            // on every
            // stateless request would cost ~30 ms each and swamp every measurement made through
            // HTTP.
            for (AccessRules.Role role : AccessRules.Role.values()) {
                users.add(
                        User.withUsername(role.name().toLowerCase(java.util.Locale.ROOT))
                                .password("{noop}" + properties.devPassword())
                                .roles(role.name())
                                .build());
            }
            // A second artist, so "an artist acts only as themselves" can be tried by hand.
            users.add(
                    User.withUsername("artist2")
                            .password("{noop}" + properties.devPassword())
                            .roles(AccessRules.Role.ARTIST.name())
                            .build());
            LoggerFactory.getLogger(SecurityConfiguration.class)
                    .warn(
                            "the documented development users (artist, "
                                    + "artist2, curator, finance, auditor) are ON: never run a ledger holding real money like this");
        }
        // A plain lookup, not the manager itself: the manager offers password upgrades, which would
        // re-encode the dev password with bcrypt after the first sign-in.
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }

    /**
     * A 401 with the challenge RFC 9110 requires, naming the schemes the ledger accepts, so a
     * browser or Swagger UI asks for a sign-in. A script that handles sign-in itself says so with
     * {@code X-Requested-With: XMLHttpRequest} (as the pages do) and gets no challenge, so no
     * browser dialog opens over it.
     */
    private static void unauthenticated(
            HttpServletRequest request,
            HttpServletResponse response,
            ObjectMapper json,
            boolean bearer,
            String detail)
            throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            if (bearer) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
            }
        }
        write(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
    }

    private static void write(
            HttpServletResponse response,
            ObjectMapper json,
            HttpStatus status,
            String code,
            String detail)
            throws IOException {
        Problems.write(response, json, Problems.of(status, code, null, detail));
    }
}
