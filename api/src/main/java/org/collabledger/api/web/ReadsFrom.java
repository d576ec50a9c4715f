package org.collabledger.api.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (projection processing groups) a read answers from, so that a read at a position
 * waits for those alone ({@link ReadYourWrites}). An empty list marks a read of the event store or
 * the catalog, which hold every acknowledged write: it waits only for the store to hold the
 * position. A read without it waits for every read model. On a method it overrides its class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {

    /** The processing groups of the read models read; none for the event store and catalog. */
    String[] value();
}
