package org.collabledger.api.web.pages;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages under {@code /ui/}: the folder answers with its index, as the README promises, and the
 * pages read the ledger's own table of currencies, so that amounts have the decimals the ledger
 * counts in (ISO 4217 minor units, which a browser's number formats do not always share).
 */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // Relative links inside the pages need the trailing slash.
        registry.addRedirectViewController("/ui", "/ui/");
        registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Only *.csv: the folder also holds the domain's classes.
        registry.addResourceHandler("/ui/data/*.csv")
                .addResourceLocations("classpath:/org/collabledger/domain/shared/");
    }
}
