package org.collabledger.api.operations;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A ledger started on a random port ({@code server.port=0}: tests, benchmarks, several nodes in one
 * JVM) gets a random management port too, as {@code @SpringBootTest} gives its contexts, instead of
 * every such ledger on the machine contending for the configured one. Registered in {@code
 * META-INF/spring.factories}.
 */
public class RandomManagementPort implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        if ("0".equals(environment.getProperty("server.port"))) {
            environment
                    .getPropertySources()
                    .addFirst(
                            new MapPropertySource(
                                    "random-management-port",
                                    Map.of("management.server.port", "0")));
        }
    }
}
