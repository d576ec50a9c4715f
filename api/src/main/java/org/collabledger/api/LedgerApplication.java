package org.collabledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ledger service: HTTP API, security and storage wiring around the domain and projections. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        quietAxon();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * Axon's update checker and console notice are read from system properties, not Spring's
     * environment; without them it tries the network every few seconds from a machine that has
     * none.
     */
    public static void quietAxon() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
