package org.collabledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.collabledger.api.web.Problems;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Reads need any signed-in role; writes need the role the spec gives the act
 * (curators run releases and corrections, artists upload). Refusals are problem+json too.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ARTIST = "ARTIST";
    static final String CURATOR = "CURATOR";
    static final String FINANCE = "FINANCE";
    static final String AUDITOR = "AUDITOR";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, SecurityProperties properties) throws Exception {
        SecurityProperties.Jwt jwt = properties.jwt();
        if (jwt.enabled()) {
            var decoder = JwtSupport.decoder(jwt);
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint((request, response, e) -> write(response, json,
                            HttpStatus.UNAUTHORIZED, "unauthenticated", "the bearer token is missing, expired, "
                                    + "wrongly signed or not meant for this ledger"))
                    .jwt(token -> token.decoder(decoder)
                            .jwtAuthenticationConverter(t -> JwtSupport.authentication(t, jwt))));
        }
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        write(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "sign in to use the ledger")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> write(response, json,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "sign in to use the ledger"))
                        .accessDeniedHandler((request, response, e) -> write(response, json,
                                HttpStatus.FORBIDDEN, "forbidden", "your role may not do this")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        // The pages are static; every figure on them comes from the API under the reader's sign-in.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/ui/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/releases/*/revenue", "/api/releases/*/costs",
                                "/api/releases/*/entries/*/reverse", "/api/payout-runs", "/api/payments/**",
                                "/api/artists/*/adjustments").hasRole(FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/releases/*/allocations", "/api/allocations/*/revise")
                        .hasRole(CURATOR)
                        .requestMatchers(HttpMethod.POST, "/api/allocations/*/finalize").hasAnyRole(CURATOR, FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/allocations/*/comments").hasRole(ARTIST)
                        .requestMatchers(HttpMethod.POST, "/api/ledger/verify").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/artists").hasAnyRole(ARTIST, CURATOR)
                        .requestMatchers(HttpMethod.PUT, "/api/artists/*/profile").hasAnyRole(ARTIST, CURATOR)
                        .requestMatchers(HttpMethod.PUT, "/api/artists/*/personal-data").hasAnyRole(ARTIST, FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/artists/*/forget").hasAnyRole(ARTIST, FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/records").hasAnyRole(ARTIST, CURATOR)
                        .requestMatchers(HttpMethod.POST, "/api/records/*/takedown",
                                "/api/records/*/citation-corrections").hasRole(CURATOR)
                        .requestMatchers(HttpMethod.POST, "/api/collaborations/*/submissions")
                        .hasAnyRole(ARTIST, CURATOR)
                        .requestMatchers("/api/collaborations/**", "/api/releases/**").hasRole(CURATOR)
                        .anyRequest().denyAll())
                .build();
    }

    /** The documented development users, one per role; absent unless the profile turns them on. */
    @Bean
    UserDetailsService users(SecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        if (properties.devUsers()) {
            if (properties.devPassword() == null || properties.devPassword().isBlank()) {
                throw new IllegalStateException("ledger.security.dev-users needs ledger.security.dev-password");
            }
            // The dev password is documented in the README, so hashing it protects nothing; bcrypt on every
            // stateless request would cost ~30 ms each and swamp every measurement made through HTTP.
            for (String role : List.of(ARTIST, CURATOR, FINANCE, AUDITOR)) {
                users.add(User.withUsername(role.toLowerCase(java.util.Locale.ROOT))
                        .password("{noop}" + properties.devPassword()).roles(role).build());
            }
            // A second artist, so "an artist acts only as themselves" can be tried by hand.
            users.add(User.withUsername("artist2").password("{noop}" + properties.devPassword()).roles(ARTIST).build());
            LoggerFactory.getLogger(SecurityConfiguration.class).warn("the documented development users (artist, "
                    + "artist2, curator, finance, auditor) are ON: never run a ledger holding real money like this");
        }
        // A plain lookup, not the manager itself: the manager offers password upgrades, which would
        // re-encode the dev password with bcrypt after the first sign-in.
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }

    private static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String code,
                              String detail) throws IOException {
        Problems.write(response, json, Problems.of(status, code, null, detail));
    }
}
