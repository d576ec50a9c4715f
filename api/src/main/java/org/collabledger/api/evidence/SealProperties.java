package org.collabledger.api.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sealer's pace: how often it seals new events ({@code interval}; zero turns the background
 * sealer off).
 */
@ConfigurationProperties("ledger.seal")
public record SealProperties(@DefaultValue("1s") Duration interval) {}
