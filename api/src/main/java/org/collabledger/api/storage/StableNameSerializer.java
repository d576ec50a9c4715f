package org.collabledger.api.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, but domain events are stored under their stable {@code @EventType}
 * name and revision instead of their Java class name. A stored type that resolves to no class is an
 * error, never an event silently skipped by every handler.
 */
public class StableNameSerializer extends JacksonSerializer {

    private final EventTypeRegistry registry;

    public StableNameSerializer(ObjectMapper objectMapper, EventTypeRegistry registry) {
        super(
                JacksonSerializer.builder()
                        .objectMapper(objectMapper)
                        .disableCachingOfUnknownClasses());
        this.registry = registry;
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return registry.typeOf(type)
                .<SerializedType>map(
                        stable -> new SimpleSerializedType(stable.name(), stable.revision()))
                .orElseGet(
                        () -> {
                            if (type != null
                                    && type.getName().startsWith("org.collabledger.domain.")) {
                                // A domain event outside the sealed families would be stored under
                                // its class name.
                                throw new SerializationException(
                                        type.getName() + " is not a registered event type");
                            }
                            return super.typeForClass(type);
                        });
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return registry.classOf(serializedType.getName())
                .map(Class::getName)
                .orElse(serializedType.getName());
    }

    @Override
    public Class classForType(SerializedType type) {
        Class resolved = super.classForType(type);
        if (UnknownSerializedType.class.equals(resolved)) {
            throw new SerializationException(
                    "stored type '"
                            + type.getName()
                            + "' revision "
                            + type.getRevision()
                            + " is neither a known event nor a class on the classpath");
        }
        return resolved;
    }
}
