package org.collabledger.api.storage;

import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.collabledger.api.catalog.CatalogUpdater;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processors: the catalog runs subscribing, inside the appending transaction; every handler
 * failure propagates (a tracking processor then retries the same event) instead of being logged and
 * skipped, because a read model that silently misses an event is wrong from then on.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    @Bean
    ConfigurerModule eventProcessors() {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerSubscribingEventProcessor(CatalogUpdater.PROCESSING_GROUP)
                        .registerDefaultListenerInvocationErrorHandler(
                                c -> PropagatingErrorHandler.instance())
                        .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /** Asked once: every part that differs by store takes this answer. */
    @Bean
    StoreKind storeKind(DataSource dataSource) {
        return StoreKind.of(dataSource);
    }
}
