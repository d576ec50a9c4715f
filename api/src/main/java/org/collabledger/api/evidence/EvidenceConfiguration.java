package org.collabledger.api.evidence;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.collabledger.api.projections.Abandonment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the seal and runs it in the background, one thread, after the events have committed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
public class EvidenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EvidenceConfiguration.class);

    @Bean
    LedgerSeal ledgerSeal(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                          SealProperties properties, Abandonment abandonment) {
        return new LedgerSeal(dataSource, new TransactionTemplate(transactions), clock, properties.gapTimeout(),
                abandonment);
    }

    @Bean
    SmartLifecycle sealer(LedgerSeal seal, SealProperties properties) {
        return new SmartLifecycle() {
            private ScheduledExecutorService executor;

            @Override
            public void start() {
                if (properties.interval().isZero()) {
                    return;
                }
                executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "ledger-sealer");
                    thread.setDaemon(true);
                    return thread;
                });
                executor.scheduleWithFixedDelay(() -> {
                    try {
                        seal.sealAvailable();
                    } catch (RuntimeException e) {
                        // The next round retries from the committed seal; a failure must not stop sealing.
                        log.warn("sealing failed; retrying", e);
                    }
                }, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (executor != null) {
                    // A round under way finishes rather than being interrupted: an interrupt during an H2 file
                    // read closes H2's file channel for good, and nothing after this could use the database.
                    executor.shutdown();
                    try {
                        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                            executor.shutdownNow();
                        }
                    } catch (InterruptedException e) {
                        executor.shutdownNow();
                        Thread.currentThread().interrupt();
                    }
                    executor = null;
                }
            }

            @Override
            public boolean isRunning() {
                return executor != null;
            }
        };
    }
}
