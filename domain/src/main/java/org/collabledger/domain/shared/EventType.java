package org.collabledger.domain.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable stored name and revision of an event, independent of its Java class name, so that
 * moving or renaming a class never orphans events already in the store.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The stored type name, e.g. {@code record.remixed}; never changes once events exist. */
    String name();

    /** The payload revision; raised together with an upcaster when the payload shape changes. */
    String revision() default "1";
}
