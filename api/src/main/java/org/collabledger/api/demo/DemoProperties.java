package org.collabledger.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Whether the demo data set is loaded into an empty ledger at start. */
@ConfigurationProperties("ledger.demo")
public record DemoProperties(boolean enabled) {}
