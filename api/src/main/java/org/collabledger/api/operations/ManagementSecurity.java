package org.collabledger.api.operations;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator's endpoints, open to whoever reaches the management port: probes and scrapers carry
 * no credentials, and the port is never published beside the API (docs/health-and-metrics.md). With
 * the management server on its own port the matcher matches only requests to that server, so on the
 * API's port {@code /actuator} falls to {@code SecurityConfiguration}, which denies everything
 * {@code AccessRules} does not list.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(endpoints -> endpoints.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
