package org.collabledger.api.evidence;

import java.time.Clock;
import javax.sql.DataSource;
import org.collabledger.api.storage.Periodic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the seal and runs it in the background, one thread, after the events have been numbered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
public class EvidenceConfiguration {

    @Bean
    LedgerSeal ledgerSeal(
            DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        return new LedgerSeal(dataSource, new TransactionTemplate(transactions), clock);
    }

    /**
     * Seals new events at the configured pace; a failed round is retried from the committed seal.
     */
    @Bean
    SmartLifecycle sealer(LedgerSeal seal, SealProperties properties) {
        return new Periodic("ledger-sealer", properties.interval(), seal::sealAvailable);
    }
}
