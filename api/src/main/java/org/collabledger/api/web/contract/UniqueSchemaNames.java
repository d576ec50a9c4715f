package org.collabledger.api.web.contract;

import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses to document two Java types under one schema name. The document names a schema by the
 * type's simple name, so two records named alike (two {@code Opening}s, say) would silently share
 * one schema and a client would send the wrong body; this makes the document fail instead, which
 * OpenApiTest sees.
 */
final class UniqueSchemaNames implements ModelConverter {

    private final Map<String, Class<?>> named = new ConcurrentHashMap<>();

    @Override
    public Schema<?> resolve(
            AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema != null && schema.getName() != null && type.getType() != null) {
            Class<?> raw =
                    TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
            Class<?> first = named.putIfAbsent(schema.getName(), raw);
            if (first != null && first != raw) {
                throw new IllegalStateException(
                        "two types would share the schema name "
                                + schema.getName()
                                + ": "
                                + first.getName()
                                + " and "
                                + raw.getName()
                                + "; rename one");
            }
        }
        return schema;
    }
}
