package org.collabledger.api.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes even the answers Tomcat gives before Spring sees a request problem+json. */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory ->
                factory.addContextCustomizers(
                        context -> {
                            if (context.getParent() instanceof StandardHost host) {
                                host.setErrorReportValveClass(
                                        ProblemErrorReportValve.class.getName());
                            }
                        });
    }
}
